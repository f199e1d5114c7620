<?php
// reconcile: counts and sums per kind in the billing system and in QuickBooks --from D --to D [--kinds invoice,payment] (exit 1 when records differ)

function qbosync_cmd_reconcile(QbosyncCli $cli): int
{
    $from = $cli->opt('from');
    $to = $cli->opt('to');
    if ($from === null || $to === null) {
        throw new QbosyncCliError('give the period: --from YYYY-MM-DD --to YYYY-MM-DD', QBOSYNC_EXIT_USAGE);
    }
    $conn = $cli->conn();   // reads the config (and its source)
    $options = ['from' => $from, 'to' => $to];
    if ($cli->opt('kinds') !== null) {
        $options['kinds'] = array_values(array_filter(array_map('trim', explode(',', $cli->opt('kinds')))));
    }
    if ($cli->source !== null) {
        $options['source'] = $cli->source;
    }
    try {
        $r = qbo_reconcile($conn, $options);
    } catch (QboSync\ValidationException $e) {
        throw new QbosyncCliError($e->getMessage(), QBOSYNC_EXIT_USAGE);
    }
    $differ = 0;
    foreach ($r['kinds'] as $k) {
        $differ += count($k['differ']);
    }
    $cli->result($r, function (array $r) use ($cli) {
        $cli->say("period {$r['period'][0]} to {$r['period'][1]}");
        $cli->say(sprintf('%-8s %8s %14s %8s %14s', 'kind', 'billing', 'sum', 'QBO', 'sum'));
        foreach ($r['kinds'] as $kind => $k) {
            $ok = $k['differ'] ? 'differs' : 'ok';
            $cli->say(sprintf('%-8s %8d %14s %8d %14s  %s', $kind, $k['billing']['count'], $k['billing']['sum'], $k['qbo']['count'], $k['qbo']['sum'], $ok));
            // a multicurrency company: per currency, in its own units (the sums above are in the home currency)
            foreach ($k['currencies'] ?? [] as $code => $t) {
                $cli->say(sprintf('  in %-3s %8d %14s %8d %14s', $code, $t['billing']['count'], $t['billing']['sum'], $t['qbo']['count'], $t['qbo']['sum']));
            }
        }
        foreach ($r['kinds'] as $kind => $k) {
            foreach ($k['differ'] as $d) {
                $cli->say(sprintf('  %s %s / QBO %s: %s', $kind, $d['id'] ?? '-', $d['qbo_id'] ?? '-', $d['reason']));
            }
        }
        foreach ($r['unreadable'] as $u) {
            $cli->say("  unreadable: {$u['kind']} " . ($u['id'] ?? '-') . ": {$u['reason']}");
        }
    });
    return $differ > 0 || $r['unreadable'] ? QBOSYNC_EXIT_PROBLEMS : QBOSYNC_EXIT_OK;
}
