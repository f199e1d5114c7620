--TEST--
WHMCS harness: seeded random runs with admin actions (200 events; seed 1140 inline, 150 events) in which an invoice's credit is applied twice, between payments of it deleted: the second draw takes the rest of an unapplied payment the first one drew on (its line for the invoice grows), instead of passing it by and leaving the invoice a Mismatch with its last payment waiting on it for ever; and seed 1354 (200 events), in which a write-off's application is refused (above the open balance) while the deletion of the invoice's payment is being retried: the write-off waits for that deletion instead of a Mismatch; and seed 1211 (taxes, clients in EUR), in which an invoice's credit is drawn from a payment whose create's answer was lost: that payment, known by its marker, is not taken for a payment made in QuickBooks, so the credit is not drawn a second time when the invoice is edited; and seed 5325 (taxes, clients in EUR), in which an invoice leaves Collections and the deletion of its write-off's CreditMemo takes effect in QuickBooks though its answer is lost, then the invoice is in Collections again: a new CreditMemo is made instead of an Error on reading the deleted one; and seed 5490 (taxes, clients in EUR), in which an invoice leaves Collections, has credit applied and is paid, loses that payment and is in Collections again, all while delivery is held back: the lowered write-off's application is not taken for credit, so the invoice's credit is drawn once the write-off is in QuickBooks instead of a Mismatch of the credit's amount; and seed 9278 (taxes, clients in EUR, the addon installed late), in which a payment whose create's answer was lost is deleted while two new payments of the invoice go in one /batch: the one QuickBooks refuses (the old payment still held its part) goes again once the deletion is in QuickBooks instead of an Error; after the drain the books match
--ENV--
TEST_TIMEOUT=300
--FILE--
<?php
require __DIR__ . '/random_day.inc';
foreach ([[1377, 200, ['admin' => true]], [1395, 200, ['admin' => true]], [1140, 150, ['admin' => true, 'delivery' => 'inline']], [1354, 200, ['admin' => true]], [1211, 150, ['admin' => true, 'taxes' => true, 'currencies' => true]], [5325, 200, ['admin' => true, 'taxes' => true, 'currencies' => true]], [5490, 200, ['admin' => true, 'taxes' => true, 'currencies' => true]], [9278, 200, ['admin' => true, 'taxes' => true, 'currencies' => true, 'late' => true]]] as [$seed, $steps, $opts]) {
    $run = whmcs_random_run($seed, $steps, $opts);
    echo "seed $seed: credit applied twice to one invoice: ", var_export(max(array_count_values(array_map(fn($l) => preg_replace('/^\d+ apply_credit invoice (\d+).*/', '$1',
        $l), array_values(array_filter($run->trace, fn($l) => str_contains($l, ' apply_credit '))))) ?: [0]) >= 2, true), "\n";
    $bad = whmcs_random_check($run);
    echo $bad ? "seed $seed:\n  " . implode("\n  ", $bad) . "\n" : "seed $seed: books match\n";
}
?>
--EXPECT--
seed 1377: credit applied twice to one invoice: true
seed 1377: books match
seed 1395: credit applied twice to one invoice: true
seed 1395: books match
seed 1140: credit applied twice to one invoice: true
seed 1140: books match
seed 1354: credit applied twice to one invoice: true
seed 1354: books match
seed 1211: credit applied twice to one invoice: false
seed 1211: books match
seed 5325: credit applied twice to one invoice: true
seed 5325: books match
seed 5490: credit applied twice to one invoice: false
seed 5490: books match
seed 9278: credit applied twice to one invoice: false
seed 9278: books match
