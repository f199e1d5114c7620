--TEST--
An unmapped tax is never dropped: the invoice waits ("Waiting on tax "st625"") and nothing reaches QBO; qbo_map('tax') releases it and it goes with the tax (QBO total = billing total), Synced; its payment follows
--FILE--
<?php
require __DIR__ . '/engine.inc';
[$conn, $realm] = qbo_test_connect();
qbo_push($conn, 'customer', eng_customer('c1', 'Ann', 'Lee', 'ann@example.com'));
$doc = ['id' => 'i1', 'customer' => 'c1', 'number' => 'W-1', 'date' => '2026-11-20', 'status' => 'unpaid',
    'lines' => [['description' => 'Hosting', 'amount' => '100.00', 'taxable' => true]],
    'taxes' => [['tax' => 'st625', 'rate' => '6.25', 'amount' => '6.25']],
    'subtotal' => '100.00', 'tax_total' => '6.25', 'total' => '106.25'];
$s = qbo_push($conn, 'invoice', $doc);
echo "invoice: {$s['state']}: {$s['reason']}\n";
$p = qbo_push($conn, 'payment', eng_payment('p1', 'c1', '106.25', 'i1'));
echo "payment: {$p['state']}: {$p['reason']}\n";
echo "QBO invoices W-1: ", eng_qbo_count($realm, 'Invoice', 'DocNumber', 'W-1'), ", payments: ", eng_qbo_payments_marked($realm, 'p1'), "\n";
qbo_map($conn, 'tax', 'st625', '2', ['rate' => '6.25']);   // sandbox US TaxCode 2 "State Sales Tax" 6.25 %
$r = qbo_sync($conn);
echo "sync: delivered {$r['delivered']}, waiting {$r['waiting']}, mismatches {$r['mismatches']}\n";
foreach (qbo_entities($conn) as $e) {
    echo "{$e['kind']} {$e['id']}: {$e['state']}\n";
}
$inv = qbo_test_query($realm, "select * from Invoice where DocNumber = 'W-1'")[0];
echo "QBO invoice: total {$inv['TotalAmt']}, tax {$inv['TxnTaxDetail']['TotalTax']} (code {$inv['TxnTaxDetail']['TxnTaxCodeRef']['value']}), balance {$inv['Balance']}\n";
?>
--EXPECT--
invoice: Waiting: Waiting on tax "st625": map it to a QuickBooks tax code with qbo_map($conn, 'tax', 'st625', '<QBO TaxCode Id>')
payment: Waiting: Waiting on invoice i1
QBO invoices W-1: 0, payments: 0
sync: delivered 2, waiting 0, mismatches 0
customer c1: Synced
invoice i1: Synced
payment p1: Synced
QBO invoice: total 106.25, tax 6.25 (code 2), balance 0
