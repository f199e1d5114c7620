--TEST--
WHMCS harness: seeded random billing runs with a third of the clients in EUR (the company in USD, multicurrency on) under faults on QuickBooks' writes: after the drain each EUR client's customer, invoices, payments, refunds and credit notes are in QBO in EUR, each record's money equals WHMCS's, and every reconciliation line (per currency and in home currency at the invoices' rates) equals WHMCS's
--ENV--
TEST_TIMEOUT=300
--FILE--
<?php
require __DIR__ . '/random_day.inc';
foreach ([2, 8, 4] as $seed) {
    $run = whmcs_random_run($seed, 200, ['currencies' => true]);
    $w = $run->sc->w;
    $eurClients = count($w->q("SELECT c.id FROM tblclients c JOIN tblcurrencies k ON k.id = c.currency WHERE k.code = 'EUR'"));
    $eurTx = (int)$w->q("SELECT count(*) n FROM tblaccounts a JOIN tblclients c ON c.id = a.userid WHERE c.currency = 2")[0]['n'];
    $faults = array_sum(array_filter($run->ran, fn($k) => str_starts_with($k, 'fault '), ARRAY_FILTER_USE_KEY));
    echo "seed $seed: EUR clients >= 3: ", var_export($eurClients >= 3, true), ", their transactions > 10: ", var_export($eurTx > 10, true),
        ", faults put on > 10: ", var_export($faults > 10, true), "\n";
    $bad = whmcs_random_check($run);
    echo $bad ? "seed $seed:\n  " . implode("\n  ", $bad) . "\n" : "seed $seed: books match\n";
}
?>
--EXPECT--
seed 2: EUR clients >= 3: true, their transactions > 10: true, faults put on > 10: true
seed 2: books match
seed 8: EUR clients >= 3: true, their transactions > 10: true, faults put on > 10: true
seed 8: books match
seed 4: EUR clients >= 3: true, their transactions > 10: true, faults put on > 10: true
seed 4: books match
