--TEST--
A random billing history (tests/soak.inc, seed 243 of 40 changes, one request at a time) in which a payment's lower amount waits on its invoice (the invoice's update failed and waits for its retry) while QBO refuses the invoice's lower total, and later a new payment of the invoice above QBO's open balance: both wait for that payment's lower amount instead of the invoice waiting on a payment that frees nothing, another payment being called partly paid in QuickBooks (Mismatch) and the new payment ending in Error; once drained the store and QBO's ledger match the billing system (every record Synced, Skipped or Deleted as it says, one live QBO record each, the same totals, balances, applications and refunds)
--FILE--
<?php
require __DIR__ . '/soak.inc';
[$conn, $realm, $opts, $m, $trace] = soak_run(243, 40, 60, 1);
$bad = soak_check($conn, $realm, $m);
$log = array_column(qbo_log($conn, ['limit' => 10000]), 'message');
$on_p5 = count(array_filter($log, fn($l) => str_starts_with($l, 'Invoice i4: Waiting on payment p5, whose change to invoice i4 is not in QuickBooks yet')));
$partly = count(array_filter($log, fn($l) => str_contains($l, 'partly paid in QuickBooks (by hand')));
printf("seed 243: %d invoices, %d payments, %d refunds; the invoice waited on p5: %d; called partly paid: %d; %s\n",
    count($m['invoices']), count($m['payments']), count($m['refunds']), $on_p5, $partly,
    $bad ? "differs:\n  " . implode("\n  ", $bad) : 'the books match');
?>
--EXPECT--
seed 243: 11 invoices, 7 payments, 4 refunds; the invoice waited on p5: 1; called partly paid: 0; the books match
