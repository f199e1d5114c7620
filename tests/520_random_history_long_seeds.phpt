--TEST--
Random billing histories of 150 changes (tests/soak.inc, seeds 20436 and 20861, the engine's own concurrency) that found two defects: in 20436 a payment whose first attempt failed on its customer is deleted and its invoice cancelled before either reached QuickBooks (the payment is Deleted instead of waiting for ever on the Skipped invoice); in 20861 a payment whose create's answer was lost is lowered while new payments of its invoice go in one /batch (the one QBO refuses goes again once the lowered payment is in QuickBooks instead of an Error); once drained the store and QBO's ledger match the billing system
--ENV--
TEST_TIMEOUT=300
--FILE--
<?php
require __DIR__ . '/soak.inc';
foreach ([20436, 20861] as $seed) {
    [$conn, $realm, $opts, $m, $trace] = soak_run($seed, 150, 60);
    $bad = soak_check($conn, $realm, $m);
    printf("seed %d: %d customers, %d invoices (%d cancelled), %d payments (%d deleted), %d refunds: %s\n", $seed,
        count($m['customers']), count($m['invoices']), count(array_filter($m['invoices'], fn($i) => $i['cancelled'])),
        count($m['payments']), count(array_filter($m['payments'], fn($p) => $p['deleted'])), count($m['refunds']),
        $bad ? "differs:\n  " . implode("\n  ", $bad) : 'the books match');
    unset($conn);
}
?>
--EXPECT--
seed 20436: 23 customers, 34 invoices (5 cancelled), 31 payments (7 deleted), 10 refunds: the books match
seed 20861: 17 customers, 33 invoices (5 cancelled), 35 payments (4 deleted), 18 refunds: the books match
