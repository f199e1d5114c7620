--TEST--
WHMCS harness: a seeded random run (seed 922, 150 events, faults on QuickBooks' writes) in which an invoice paid in part and then by credit is delivered while the change of its payment (refunded to credit) is still on its way after a failed attempt: the invoice is not Synced on a balance nobody could check; it waits for that payment, its credit is drawn again once the payment is in QBO, and after the drain the books match; and seed 921, in which an invoice's credit is drawn a second time for the same version (it took what QBO had, waited for a credit note, went again): that second application is QBO's new one, not the replay of the first, and the books match
--ENV--
TEST_TIMEOUT=300
--FILE--
<?php
require __DIR__ . '/random_day.inc';
foreach ([922, 921] as $seed) {
    $run = whmcs_random_run($seed, 150);
    $bad = whmcs_random_check($run);
    echo $bad ? "seed $seed:\n  " . implode("\n  ", $bad) . "\n" : "seed $seed: books match\n";
}
?>
--EXPECT--
seed 922: books match
seed 921: books match
