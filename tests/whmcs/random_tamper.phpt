--TEST--
WHMCS harness: after seeded random billing runs whose books match (one plain, one taxed with clients in EUR), some of QBO's records are changed by hand (an invoice's line raised by 1.00, an invoice voided, a payment and a refund receipt deleted): qbo_reconcile over the whole run lists each changed record with its reason, and nothing else
--ENV--
TEST_TIMEOUT=300
--FILE--
<?php
require __DIR__ . '/random_day.inc';
foreach ([[3, []], [7, ['currencies' => true, 'taxes' => true]]] as [$seed, $opts]) {
    $run = whmcs_random_run($seed, 150, $opts);
    $bad = whmcs_random_check($run);
    echo $bad ? "seed $seed:\n  " . implode("\n  ", $bad) . "\n" : "seed $seed: books match\n";
    [$done, $tbad] = whmcs_random_tamper($run, $seed);
    echo "seed $seed: changed by hand: ", count($done), ", ", implode(', ', array_map(fn($d) => preg_replace('/^(\w+) \S+ /', '$1 ', $d), $done)), "\n";
    echo $tbad ? "seed $seed:\n  " . implode("\n  ", $tbad) . "\n" : "seed $seed: the report lists exactly those\n";
}
?>
--EXPECT--
seed 3: books match
seed 3: changed by hand: 4, invoice raised by 1.00, invoice voided, payment deleted, refund deleted
seed 3: the report lists exactly those
seed 7: books match
seed 7: changed by hand: 4, invoice raised by 1.00, invoice voided, payment deleted, refund deleted
seed 7: the report lists exactly those
