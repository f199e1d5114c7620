--TEST--
WHMCS harness: seeded random billing runs in which the admin also moves invoices to Collections (written off) and back, and deletes payments (some before a worker read their AddTransaction), under faults on QuickBooks' writes: after the drain each write-off is in QBO while its invoice is in Collections and gone after, each deleted payment is Deleted and not in QBO, no WHMCS event is left unread, each record's money and every reconciliation line equal WHMCS's
--ENV--
TEST_TIMEOUT=300
--FILE--
<?php
require __DIR__ . '/random_day.inc';
foreach ([1, 4, 7] as $seed) {
    $run = whmcs_random_run($seed, 150, ['admin' => true]);
    echo "seed $seed: collections ", var_export(($run->ran['collections'] ?? 0) > 0, true), ", payments deleted ",
        var_export(($run->ran['delete_payment'] ?? 0) > 0, true), "\n";
    $bad = whmcs_random_check($run);
    echo $bad ? "seed $seed:\n  " . implode("\n  ", $bad) . "\n" : "seed $seed: books match\n";
}
?>
--EXPECT--
seed 1: collections true, payments deleted true
seed 1: books match
seed 4: collections true, payments deleted true
seed 4: books match
seed 7: collections true, payments deleted true
seed 7: books match
