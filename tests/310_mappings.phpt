--TEST--
qbo_map: an explicit Id is checked in QBO, "auto" links by name or email, "create" makes the record; listing and removal; a mapped customer is used by invoices
--FILE--
<?php
require __DIR__ . '/engine.inc';
[$conn, $realm, $opts] = qbo_test_connect();
$qc = qbo_test_api($realm, 'POST', 'customer', ['DisplayName' => 'Legacy Client Ltd', 'PrimaryEmailAddr' => ['Address' => 'ap@legacy.example']])['json']['Customer'];
$m = qbo_map($conn, 'customer', '900', $qc['Id']);
echo "explicit: {$m['kind']} {$m['local_id']} -> ", var_export($m['qbo_id'] === $qc['Id'], true), " {$m['name']}\n";
try {
    qbo_map($conn, 'customer', '901', '99999');
    echo "no exception\n";
} catch (QboSync\Exception $e) {
    echo "unknown Id refused: ", get_class($e), " {$e->qboCode}\n";
}
$a = qbo_map($conn, 'customer', '902', 'auto', ['email' => 'ap@legacy.example']);
echo "auto by email: ", var_export($a['qbo_id'] === $qc['Id'], true), "\n";
$pm = qbo_map($conn, 'payment_method', 'paypal', 'create', ['name' => 'PayPal']);
$pmq = qbo_test_api($realm, 'GET', 'paymentmethod/' . $pm['qbo_id'])['json']['PaymentMethod'];
echo "created payment method: {$pmq['Name']}\n";
$again = qbo_map($conn, 'payment_method', 'pp2', 'auto', ['name' => 'PayPal']);
echo "auto by name finds it: ", var_export($again['qbo_id'] === $pm['qbo_id'], true), "\n";
try {
    qbo_map($conn, 'tax', 'vat', 'create');
} catch (QboSync\ValidationException $e) {
    echo "tax create refused\n";
}
echo "listed: ", count(qbo_mappings($conn)), " all, ", count(qbo_mappings($conn, 'customer')), " customers\n";
// an invoice for the mapped local customer 900 goes to the QBO record; nothing is created
$i = qbo_push($conn, 'invoice', eng_invoice('5', '900', '20.00', 'L-5'));
$inv = qbo_test_api($realm, 'GET', 'invoice/' . $i['qbo_id'])['json']['Invoice'];
echo "invoice: {$i['state']}, for the mapped customer: ", var_export($inv['CustomerRef']['value'] === $qc['Id'], true), "\n";
$p = qbo_push($conn, 'payment', eng_payment('6', '900', '20.00', '5'));
$pq = qbo_test_api($realm, 'GET', 'payment/' . $p['qbo_id'])['json']['Payment'];
echo "payment method mapped: ", var_export(($pq['PaymentMethodRef']['value'] ?? null) === $pm['qbo_id'], true), "\n";
echo "removed: ", var_export(qbo_unmap($conn, 'customer', '902'), true), " ", var_export(qbo_unmap($conn, 'customer', '902'), true), "\n";
echo "customers in QBO named Legacy Client Ltd: ", eng_qbo_count($realm, 'Customer', 'DisplayName', 'Legacy Client Ltd'), "\n";
?>
--EXPECT--
explicit: customer 900 -> true Legacy Client Ltd
unknown Id refused: QboSync\ApiException 610
auto by email: true
created payment method: PayPal
auto by name finds it: true
tax create refused
listed: 4 all, 2 customers
invoice: Synced, for the mapped customer: true
payment method mapped: true
removed: true false
customers in QBO named Legacy Client Ltd: 1
