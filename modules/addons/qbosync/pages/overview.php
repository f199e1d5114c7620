<?php
/* Overview: the connection and company, totals in WHMCS and in QuickBooks per kind, the
 * warnings (Error, Mismatch, Waiting) in dependency order, dismissed ones, the last sync. */
if (!defined('WHMCS')) {
    die('This file cannot be accessed directly');
}

/** How many records of each kind WHMCS holds (the tables the hooks read). */
function qbosync_whmcs_totals(): array
{
    $q = [
        'customer' => 'SELECT count(*) FROM tblclients',
        'item' => 'SELECT count(*) FROM tblproducts',
        'invoice' => "SELECT count(*) FROM tblinvoices WHERE status <> 'Draft'",
        'payment' => 'SELECT count(*) FROM tblaccounts WHERE (amountin + 0) > 0',
        'refund' => 'SELECT count(*) FROM tblaccounts WHERE (amountout + 0) > 0',
        'credit' => 'SELECT count(*) FROM tblcredit WHERE (amount + 0) > 0',
        'writeoff' => "SELECT count(*) FROM tblinvoices WHERE status = 'Collections'",
    ];
    $out = [];
    foreach ($q as $kind => $sql) {
        try {
            $out[$kind] = (int)QbosyncAddon::value($sql);
        } catch (\PDOException $e) {
            $out[$kind] = null;
        }
    }
    return $out;
}

/** The company's name when this build can read it (qbo_reference 'company'). */
function qbosync_company_name(\QboSync\Connection $c): ?string
{
    if (!function_exists('qbo_reference')) {
        return null;
    }
    try {
        $co = qbo_reference($c, 'company');
        $row = isset($co['name']) ? $co : ($co[0] ?? []);
        return isset($row['name']) ? (string)$row['name'] : null;
    } catch (\Throwable $e) {
        return null;
    }
}

function qbosync_page_overview(QbosyncAddon $a): void
{
    $h = [QbosyncAddon::class, 'h'];
    echo '<h2>', $h($a->t('overview_title')), '</h2>';
    $c = $a->conn();
    if (!$c) {
        echo '<p><a class="qs-btn" href="', $h($a->link('settings')), '">', $h($a->t('go_settings')), '</a></p>';
        return;
    }
    $st = qbo_status($c);
    $company = $st['status'] === 'Active' ? qbosync_company_name($c) : null;
    echo '<div class="qs-cards">';
    echo '<div class="qs-card">', $h($a->t('connection')), '<b>', QbosyncAddon::stateBadge($st['status']), '</b>',
        $st['message'] ? '<span class="qs-hint">' . $h($st['message']) . '</span>' : '', '</div>';
    echo '<div class="qs-card">', $h($a->t('company')), '<b id="qs-company">', $h($company ?? ($st['realm'] ? $a->t('realm', $st['realm']) : '—')), '</b></div>';
    echo '<div class="qs-card">', $h($a->t('last_sync')), '<b>', $h($st['last_sync'] ?? $a->t('never')), '</b></div>';
    echo '<div class="qs-card">', $h($a->t('queued')), '<b>', $h(number_format((int)$st['queued'])), '</b></div>';
    echo '</div>';
    // WHMCS events a worker could not read (a transaction's or an invoice's data WHMCS holds in a state that
    // cannot be booked): the record each names stays as QuickBooks last got it, the reasons are in the log
    $failed = (int)($st['hook_events']['failed'] ?? 0);
    $shown = 0;
    if ($failed > 0) {
        echo '<div class="qs-flash qs-err" id="qs-hook-failed">', $h($a->t('hook_failed', number_format($failed))), '<ul>';
        foreach (qbo_log($c, ['level' => 'error', 'type' => 'decision', 'limit' => 50]) as $l) {
            if (preg_match('/^[A-Z][A-Za-z]+: /', (string)$l['message'])) {   // an event's name first: "InvoiceUpdated: ..."
                echo '<li>', $h(QbosyncAddon::shorten((string)$l['message'], 240)), '</li>';
                if (++$shown >= 3) {
                    break;
                }
            }
        }
        echo '</ul><a class="qs-btn" href="', $h($a->link('settings', ['log_level' => 'error'])), '">', $h($a->t('see_log')), '</a></div>';
    }
    if ($st['status'] !== 'Active') {
        echo '<p><a class="qs-btn" href="', $h($a->link('settings')), '">', $h($a->t('connect_now')), '</a></p>';
    }

    // totals per kind: WHMCS's tables against what QuickBooks holds (Synced)
    $whmcs = qbosync_whmcs_totals();
    $warnStates = ['Error', 'Mismatch', 'Waiting'];
    $counts = $st['counts'] ?? [];
    echo '<h3>', $h($a->t('totals')), '</h3><table id="qs-totals"><tr><th>', $h($a->t('kind')), '</th><th class="num">',
        $h($a->t('in_whmcs')), '</th><th class="num">', $h($a->t('in_qbo')), '</th><th class="num">', $h($a->t('warnings')),
        '</th><th class="num">', $h($a->t('dismissed')), '</th></tr>';
    $warnings = [];
    foreach (QbosyncAddon::KINDS as $kind) {
        $synced = qbo_entities($c, ['kind' => $kind, 'state' => 'Synced', 'limit' => 1, 'with_total' => true])['total'];
        $warn = 0;
        foreach ($warnStates as $s) {
            if (($counts[$s] ?? 0) > 0) {
                $r = qbo_entities($c, ['kind' => $kind, 'state' => $s, 'limit' => 3, 'with_total' => true]);
                if ($r['total'] > 0) {
                    $warnings[] = [$kind, $s, $r['total'], $r['rows']];
                    $warn += $r['total'];
                }
            }
        }
        $dismissed = ($counts['Dismissed'] ?? 0) > 0
            ? qbo_entities($c, ['kind' => $kind, 'state' => 'Dismissed', 'limit' => 1, 'with_total' => true])['total'] : 0;
        echo '<tr><td>', $h($a->t('kind_' . $kind)), '</td><td class="num">', $whmcs[$kind] === null ? '—' : $h(number_format($whmcs[$kind])),
            '</td><td class="num">', $h(number_format($synced)), '</td><td class="num">',
            $warn ? '<a href="' . $h($a->link('entities', ['kind' => $kind, 'state' => 'Error'])) . '">' . $h(number_format($warn)) . '</a>' : '0',
            '</td><td class="num">', $dismissed ? '<a href="' . $h($a->link('entities', ['kind' => $kind, 'state' => 'Dismissed'])) . '">'
                . $h(number_format($dismissed)) . '</a>' : '0', '</td></tr>';
    }
    echo '</table>';

    echo '<h3>', $h($a->t('warnings')), '</h3>';
    if (!$warnings) {
        echo '<p id="qs-no-warnings">', $h($a->t('no_warnings')), '</p>';
    } else {
        echo '<table id="qs-warnings"><tr><th>', $h($a->t('kind')), '</th><th>', $h($a->t('state')), '</th><th class="num">',
            $h($a->t('records')), '</th><th>', $h($a->t('for_example')), '</th><th></th></tr>';
        foreach ($warnings as [$kind, $s, $n, $rows]) {
            $ex = '';
            foreach ($rows as $r) {
                $ex .= '<div>' . $h($a->t('kind_' . $kind)) . ' ' . $h($r['id']) . ': ' . $h(QbosyncAddon::shorten((string)$r['reason'], 160)) . '</div>';
            }
            echo '<tr><td>', $h($a->t('kind_' . $kind)), '</td><td>', QbosyncAddon::stateBadge($s), '</td><td class="num">', $h(number_format($n)),
                '</td><td>', $ex, '</td><td><a class="qs-btn" href="', $h($a->link('entities', ['kind' => $kind, 'state' => $s])), '">',
                $h($a->t('review_warnings')), '</a></td></tr>';
        }
        echo '</table>';
    }
    echo '<h3>', $h($a->t('by_state')), '</h3><p>';
    foreach (QbosyncAddon::STATES as $s) {
        echo '<a href="', $h($a->link('entities', ['state' => $s])), '">', QbosyncAddon::stateBadge($s), ' ', $h(number_format((int)($counts[$s] ?? 0))), '</a> &nbsp; ';
    }
    echo '</p>';
    if (function_exists('qbo_reconcile')) {
        echo '<p><a href="', $h($a->link('reconcile')), '">', $h($a->t('see_reconcile')), '</a></p>';
    }
}
