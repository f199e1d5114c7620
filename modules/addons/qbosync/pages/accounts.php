<?php
/* Accounts: the QuickBooks accounts sales, payments, refunds and gateway fees book to;
 * refunds may use the payments' account; refund accounts are cash (Bank) accounts only;
 * auto-create makes an account under a name QuickBooks does not hold yet. */
if (!defined('WHMCS')) {
    die('This file cannot be accessed directly');
}
require_once __DIR__ . '/mappings.php';

/** purpose => [label key, QBO account types offered, name for auto-create]. */
const QBOSYNC_ACCOUNTS = [
    'income' => ['acc_income', ['Income'], 'WHMCS Sales'],
    'deposit' => ['acc_deposit', ['Bank', 'Other Current Asset'], 'WHMCS Payments'],
    'refund' => ['acc_refund', ['Bank'], 'WHMCS Refunds'],
    'fee' => ['acc_fee', ['Expense', 'Other Expense'], 'WHMCS Gateway Fees'],
    // the "Bad Debt" item of invoices moved to Collections: an item's income account is of type Income
    'writeoff' => ['acc_writeoff', ['Income', 'Other Income'], 'Bad Debts'],
];

/** Creates the account, trying "Name", "Name 2", ... until QuickBooks takes one. */
function qbosync_create_account(\QboSync\Connection $c, string $purpose, string $name): array
{
    for ($i = 1; $i <= 5; $i++) {
        try {
            return qbo_map($c, 'account', '*', 'create', ['purpose' => $purpose, 'name' => $i === 1 ? $name : "$name $i"]);
        } catch (\QboSync\ApiException $e) {
            if ($e->qboCode !== '6240' || $i === 5) {
                throw $e;
            }
        }
    }
    throw new \LogicException('unreachable');
}

function qbosync_page_accounts(QbosyncAddon $a): void
{
    $h = [QbosyncAddon::class, 'h'];
    $c = $a->conn();
    echo '<h2>', $h($a->t('accounts_title')), '</h2>';
    if (!$c) {
        return;
    }
    if ($_SERVER['REQUEST_METHOD'] === 'POST') {
        try {
            $action = QbosyncAddon::post('action');
            $purpose = QbosyncAddon::post('purpose');
            if ($action === 'create' && isset(QBOSYNC_ACCOUNTS[$purpose])) {
                $m = qbosync_create_account($c, $purpose, QBOSYNC_ACCOUNTS[$purpose][2]);
                QbosyncAddon::flash('ok', $a->t('account_created', $m['name'] ?? '', $m['qbo_id']));
            } elseif ($action === 'save') {
                $same = QbosyncAddon::post('refund_same') === '1';
                foreach (array_keys(QBOSYNC_ACCOUNTS) as $p) {
                    $id = QbosyncAddon::post("acc_$p");
                    if ($p === 'refund' && $same) {
                        $id = QbosyncAddon::post('acc_deposit') ?: (qbosync_mapped($c, 'account')['*|deposit']['qbo_id'] ?? '');
                    }
                    if ($id !== '') {
                        $m = qbo_map($c, 'account', '*', $id, ['purpose' => $p]);
                        QbosyncAddon::flash('ok', $a->t('account_mapped', $a->t(QBOSYNC_ACCOUNTS[$p][0]), $m['name'] ?? '', $m['qbo_id']));
                    }
                }
            }
        } catch (\Throwable $e) {
            QbosyncAddon::flash('err', $e->getMessage());
        }
        $a->redirect($a->link('accounts'));
        return;
    }
    $mapped = qbosync_mapped($c, 'account');
    $all = qbosync_reference($c, 'account');
    echo '<form method="post" action="', $h($a->link('accounts')), '" id="qs-accounts">', QbosyncAddon::tokenField(),
        '<table><tr><th>', $h($a->t('books_to')), '</th><th>', $h($a->t('now')), '</th><th>', $h($a->t('change_to')), '</th><th></th></tr>';
    foreach (QBOSYNC_ACCOUNTS as $p => [$label, $types, $name]) {
        $rows = $all === null ? null : array_values(array_filter($all, fn($r) => in_array($r['account_type'] ?? '', $types, true)));
        echo '<tr><td>', $h($a->t($label)), '<div class="qs-hint">', $h($a->t('acc_types', implode(', ', $types))), '</div></td><td>',
            qbosync_mapping_cell($a, $mapped["*|$p"] ?? null), '</td><td>', qbosync_picker($a, "acc_$p", $rows, '', false);
        if ($p === 'refund') {
            echo '<div><label><input type="checkbox" name="refund_same" value="1"> ', $h($a->t('refund_same')), '</label></div>';
        }
        echo '</td><td><button name="action" value="create" formaction="', $h($a->link('accounts')), '" onclick="this.form.purpose.value=\'', $h($p),
            '\'" class="qs-plain">', $h($a->t('auto_create_named', $name)), '</button></td></tr>';
    }
    echo '</table><input type="hidden" name="purpose" value=""><button name="action" value="save">', $h($a->t('save')), '</button></form>';
    echo '<p class="qs-hint">', $h($a->t('accounts_hint')), '</p>', qbosync_picker_script();
}
