--TEST--
WHMCS harness: a seeded random run (seed 922, 150 events, faults on QuickBooks' writes) in which an invoice paid in part and then by credit is delivered while the change of its payment (refunded to credit) is still on its way after a failed attempt: the invoice is not Synced on a balance nobody could check; it waits for that payment, its credit is drawn again once the payment is in QBO, and after the drain the books match
--ENV--
TEST_TIMEOUT=300
--FILE--
<?php
require __DIR__ . '/random_day.inc';
$run = whmcs_random_run(922, 150);
$bad = whmcs_random_check($run);
echo $bad ? "seed 922:\n  " . implode("\n  ", $bad) . "\n" : "seed 922: books match\n";
?>
--EXPECT--
seed 922: books match
