<?php
/* Reconciliation: for a period, per kind, the count and sum in WHMCS and in QuickBooks,
 * and the records that differ with the reason. */
if (!defined('WHMCS')) {
    die('This file cannot be accessed directly');
}

function qbosync_page_reconcile(QbosyncAddon $a): void
{
    $h = [QbosyncAddon::class, 'h'];
    $c = $a->conn();
    echo '<h2>', $h($a->t('reconcile_title')), '</h2>';
    if (!$c) {
        return;
    }
    if (!function_exists('qbo_reconcile')) {
        echo $a->unavailable('qbo_reconcile');
        return;
    }
    $from = QbosyncAddon::get('from', date('Y-m-01'));
    $to = QbosyncAddon::get('to', date('Y-m-d'));
    echo '<form method="get" id="qs-reconcile-form"><input type="hidden" name="module" value="qbosync"><input type="hidden" name="page" value="reconcile">',
        $h($a->t('from')), ' <input type="date" name="from" value="', $h($from), '"> ', $h($a->t('to')), ' <input type="date" name="to" value="', $h($to),
        '"> <button name="run" value="1">', $h($a->t('reconcile')), '</button></form>';
    if (QbosyncAddon::get('run') === '') {
        return;
    }
    try {
        $r = qbo_reconcile($c, ['from' => $from, 'to' => $to]);
    } catch (\Throwable $e) {
        echo '<div class="qs-flash qs-err">', $h($e->getMessage()), '</div>';
        return;
    }
    echo '<table id="qs-reconcile"><tr><th>', $h($a->t('kind')), '</th><th class="num">', $h($a->t('whmcs_count')), '</th><th class="num">', $h($a->t('whmcs_sum')),
        '</th><th class="num">', $h($a->t('qbo_count')), '</th><th class="num">', $h($a->t('qbo_sum')), '</th><th class="num">', $h($a->t('differ')), '</th></tr>';
    $differ = [];
    foreach ($r['kinds'] ?? [] as $kind => $k) {
        $same = ($k['billing']['count'] ?? null) == ($k['qbo']['count'] ?? null) && (string)($k['billing']['sum'] ?? '') === (string)($k['qbo']['sum'] ?? '');
        echo '<tr><td>', $h($a->t('kind_' . $kind)), '</td><td class="num">', $h($k['billing']['count'] ?? ''), '</td><td class="num">', $h($k['billing']['sum'] ?? ''),
            '</td><td class="num">', $h($k['qbo']['count'] ?? ''), '</td><td class="num">', $h($k['qbo']['sum'] ?? ''), '</td><td class="num">',
            $same && !($k['differ'] ?? []) ? QbosyncAddon::stateBadge('Synced') : $h(count($k['differ'] ?? [])), '</td></tr>';
        // a multicurrency company: the kind's records per currency, in that currency's own units
        foreach ($k['currencies'] ?? [] as $code => $t) {
            echo '<tr class="qs-currency"><td>', $h($a->t('in_currency') . ' ' . $code), '</td><td class="num">', $h($t['billing']['count']), '</td><td class="num">',
                $h($t['billing']['sum']), '</td><td class="num">', $h($t['qbo']['count']), '</td><td class="num">', $h($t['qbo']['sum']), '</td><td></td></tr>';
        }
        foreach ($k['differ'] ?? [] as $d) {
            $differ[] = [$kind, $d];
        }
    }
    echo '</table>';
    if ($differ) {
        echo '<h3>', $h($a->t('records_differ')), '</h3><table id="qs-differ"><tr><th>', $h($a->t('kind')), '</th><th>', $h($a->t('record_id')), '</th><th>',
            $h($a->t('qbo_id')), '</th><th class="num">', $h($a->t('in_whmcs')), '</th><th class="num">', $h($a->t('in_qbo')), '</th><th>', $h($a->t('reason')), '</th></tr>';
        foreach (array_slice($differ, 0, 500) as [$kind, $d]) {
            echo '<tr><td>', $h($a->t('kind_' . $kind)), '</td><td>', $h($d['id'] ?? ''), '</td><td>', $h($d['qbo_id'] ?? ''), '</td><td class="num">',
                $h(is_scalar($d['billing'] ?? null) ? $d['billing'] : json_encode($d['billing'] ?? null)), '</td><td class="num">',
                $h(is_scalar($d['qbo'] ?? null) ? $d['qbo'] : json_encode($d['qbo'] ?? null)), '</td><td>', $h($d['reason'] ?? ''), '</td></tr>';
        }
        echo '</table>';
    }
}
