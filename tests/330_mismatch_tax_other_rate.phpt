--TEST--
Synced is verified: a tax mapped to a QuickBooks code of another rate makes QBO's total differ; the invoice is Mismatch with both figures and the cause (never Synced), counted and filterable; its payment waits; fixed, both go Synced
--FILE--
<?php
require __DIR__ . '/engine.inc';
[$conn, $realm] = qbo_test_connect();
qbo_push($conn, 'customer', eng_customer('c1', 'Ann', 'Lee', 'ann@example.com'));
qbo_map($conn, 'tax', 'st8', '1');   // sandbox US TaxCode 1 "Combined Sales Tax" charges 8.25 %
$doc = ['id' => 'inv1', 'customer' => 'c1', 'number' => 'T-330', 'date' => '2026-11-20', 'status' => 'unpaid',
    'lines' => [['description' => 'Hosting', 'amount' => '100.00', 'taxable' => true]],
    'taxes' => [['tax' => 'st8', 'rate' => '8', 'amount' => '8.00']],
    'subtotal' => '100.00', 'tax_total' => '8.00', 'total' => '108.00'];
$s = qbo_push($conn, 'invoice', $doc);
echo "state: {$s['state']}\nreason: {$s['reason']}\n";
$inv = qbo_test_api($realm, 'GET', 'invoice/' . $s['qbo_id'])['json']['Invoice'];
echo "QBO holds: total {$inv['TotalAmt']}, tax {$inv['TxnTaxDetail']['TotalTax']}, balance {$inv['Balance']}\n";
$st = qbo_status($conn);
echo "counts: Synced {$st['counts']['Synced']}, Mismatch {$st['counts']['Mismatch']}\n";
$m = qbo_entities($conn, ['state' => 'Mismatch']);
echo "filter Mismatch: ", count($m), " ", $m[0]['kind'], " ", $m[0]['id'], "\n";

// the payment of what the billing system charged cannot go onto an invoice QBO holds with other money
$p = qbo_push($conn, 'payment', eng_payment('p1', 'c1', '108.00', 'inv1'));
echo "payment: {$p['state']}: {$p['reason']}\n";
echo "payments in QBO: ", eng_qbo_payments_marked($realm, 'p1'), "\n";

// fixed in the billing system (the rate QuickBooks charges): Synced, and the waiting payment goes
$doc['taxes'] = [['tax' => 'st8', 'rate' => '8.25', 'amount' => '8.25']];
$doc['tax_total'] = '8.25';
$doc['total'] = '108.25';
$s = qbo_push($conn, 'invoice', $doc);
echo "after the fix: {$s['state']}, reason ", var_export($s['reason'], true), "\n";
$p = qbo_entities($conn, ['kind' => 'payment', 'id' => 'p1'])[0];
echo "the waiting payment was released: {$p['state']}\n";
$inv = qbo_test_api($realm, 'GET', 'invoice/' . $s['qbo_id'])['json']['Invoice'];
echo "QBO invoice: total {$inv['TotalAmt']}, balance {$inv['Balance']}, invoices numbered T-330: ",
    eng_qbo_count($realm, 'Invoice', 'DocNumber', 'T-330'), ", payments: ", eng_qbo_payments_marked($realm, 'p1'), "\n";
$st = qbo_status($conn);
echo "counts: Synced {$st['counts']['Synced']}, Mismatch {$st['counts']['Mismatch']}\n";
?>
--EXPECT--
state: Mismatch
reason: Invoice inv1: QuickBooks total 108.25, billing total 108.00 — QuickBooks tax code 1 charges 8.25 % where the billing system charges 8 % (tax "st8"): map "st8" to a QuickBooks tax code of 8 % with qbo_map($conn, 'tax', 'st8', '<QBO TaxCode Id>') and send the invoice again with qbo_resend()
QBO holds: total 108.25, tax 8.25, balance 108.25
counts: Synced 1, Mismatch 1
filter Mismatch: 1 invoice inv1
payment: Waiting: Waiting on invoice inv1, which is in Mismatch: QuickBooks total 108.25, billing total 108.00 — QuickBooks tax code 1 charges 8.25 % where the billing system charges 8 % (tax "st8"): map "st8" to a QuickBooks tax code of 8 % with qbo_map($conn, 'tax', 'st8', '<QBO TaxCode Id>') and send the invoice again with qbo_resend()
payments in QBO: 0
after the fix: Synced, reason NULL
the waiting payment was released: Synced
QBO invoice: total 108.25, balance 0.25, invoices numbered T-330: 1, payments: 1
counts: Synced 3, Mismatch 0
