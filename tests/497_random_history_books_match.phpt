--TEST--
Random billing histories (tests/soak.inc, seeds 7, 18 and 79 of 40 changes each: customers, invoices edited and cancelled, payments made, edited and deleted, refunds made and deleted) delivered in worker mode while QBO's answers fail at random (lost after QBO committed, HTML 408 and 502, 500, 503, 429, truncated, a gateway timeout), one request at a time; then drained: every record Synced, Skipped or Deleted as the billing system says, QBO holds exactly one live record of each (none of a deleted one, a cancelled invoice voided), with the same totals, balances, payment applications and refund amounts
--FILE--
<?php
require __DIR__ . '/soak.inc';
foreach ([7, 18, 79] as $seed) {
    [$conn, $realm, $opts, $m, $trace] = soak_run($seed, 40, 60, 1);
    $bad = soak_check($conn, $realm, $m);
    printf("seed %d: %d customers, %d invoices (%d cancelled), %d payments (%d deleted), %d refunds (%d deleted): %s\n", $seed,
        count($m['customers']), count($m['invoices']), count(array_filter($m['invoices'], fn($i) => $i['cancelled'])),
        count($m['payments']), count(array_filter($m['payments'], fn($p) => $p['deleted'])),
        count($m['refunds']), count(array_filter($m['refunds'], fn($r) => $r['deleted'])),
        $bad ? "differs:\n  " . implode("\n  ", $bad) : 'the books match');
    unset($conn);
}
?>
--EXPECT--
seed 7: 3 customers, 8 invoices (0 cancelled), 5 payments (1 deleted), 3 refunds (1 deleted): the books match
seed 18: 6 customers, 14 invoices (1 cancelled), 6 payments (2 deleted), 0 refunds (0 deleted): the books match
seed 79: 5 customers, 12 invoices (2 cancelled), 10 payments (0 deleted), 2 refunds (1 deleted): the books match
