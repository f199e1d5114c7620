--TEST--
Random billing histories (tests/soak.inc, seeds 37 and 91 of 40 changes each, one request at a time) in which two new payments of an invoice go out in one /batch while another payment's lower amount on the same invoice takes the one-record path after it in the same round: QBO refuses the second new payment (6000) before the lower amount lands; it goes again after it instead of staying in Error, and once drained the store and QBO's ledger match the billing system (every record Synced, Skipped or Deleted as it says, one live QBO record each, the same totals, balances, applications and refunds)
--FILE--
<?php
require __DIR__ . '/soak.inc';
foreach ([37, 91] as $seed) {
    [$conn, $realm, $opts, $m, $trace] = soak_run($seed, 40, 60, 1);
    $bad = soak_check($conn, $realm, $m);
    $again = count(array_filter(qbo_log($conn, ['kind' => 'payment', 'limit' => 10000]),
        fn($l) => str_contains($l['message'], 'reached QuickBooks in the same delivery, while or after this one was sent')));
    printf("seed %d: %d invoices, %d payments, %d refunds; refused in its round and sent again: %d; %s\n", $seed,
        count($m['invoices']), count($m['payments']), count($m['refunds']), $again,
        $bad ? "differs:\n  " . implode("\n  ", $bad) : 'the books match');
    unset($conn);
}
?>
--EXPECT--
seed 37: 5 invoices, 8 payments, 3 refunds; refused in its round and sent again: 1; the books match
seed 91: 7 invoices, 12 payments, 1 refunds; refused in its round and sent again: 1; the books match
