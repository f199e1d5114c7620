--TEST--
WHMCS harness: seeded random billing runs in which half the invoices are taxed (8.25 % or 6.25 %, mapped to the company's tax codes) on some of their lines, under faults on QuickBooks' writes; the last run with a third of the clients in EUR as well: after the drain each invoice's QBO total, tax and balance equal WHMCS's, and every reconciliation line (tax among them) equals WHMCS's
--ENV--
TEST_TIMEOUT=300
--FILE--
<?php
require __DIR__ . '/random_day.inc';
foreach ([[2, ['taxes' => true]], [1, ['taxes' => true]], [3, ['taxes' => true, 'currencies' => true]]] as [$seed, $opts]) {
    $run = whmcs_random_run($seed, 200, $opts);
    $tax = $run->sc->w->q('SELECT count(*) n FROM tblinvoices WHERE tax > 0')[0];
    $faults = array_sum(array_filter($run->ran, fn($k) => str_starts_with($k, 'fault '), ARRAY_FILTER_USE_KEY));
    echo "seed $seed: taxed invoices > 10: ", var_export($tax['n'] > 10, true), ", faults put on > 10: ", var_export($faults > 10, true), "\n";
    $bad = whmcs_random_check($run);
    echo $bad ? "seed $seed:\n  " . implode("\n  ", $bad) . "\n" : "seed $seed: books match\n";
}
?>
--EXPECT--
seed 2: taxed invoices > 10: true, faults put on > 10: true
seed 2: books match
seed 1: taxed invoices > 10: true, faults put on > 10: true
seed 1: books match
seed 3: taxed invoices > 10: true, faults put on > 10: true
seed 3: books match
