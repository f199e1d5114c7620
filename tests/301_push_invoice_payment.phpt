--TEST--
qbo_push customer, invoice and payment: all Synced, linked to each other in QBO, exactly one of each
--FILE--
<?php
require __DIR__ . '/engine.inc';
[$conn, $realm, $opts] = qbo_test_connect();
$c = qbo_push($conn, 'customer', eng_customer('21', 'Ann', 'Lee', 'ann@example.com'));
$i = qbo_push($conn, 'invoice', eng_invoice('1042', '21', '25.00', 'INV-1042'));
$p = qbo_push($conn, 'payment', eng_payment('pay-9', '21', '25.00', '1042'));
foreach ([$c, $i, $p] as $s) {
    echo "{$s['kind']} {$s['id']}: {$s['state']}", $s['qbo_id'] !== null ? ' with a QBO id' : '', "\n";
}
$inv = qbo_test_api($realm, 'GET', 'invoice/' . $i['qbo_id'])['json']['Invoice'];
echo "invoice: DocNumber {$inv['DocNumber']}, customer linked: ", var_export($inv['CustomerRef']['value'] === $c['qbo_id'], true),
    ", total {$inv['TotalAmt']}, balance {$inv['Balance']}\n";
$pay = qbo_test_api($realm, 'GET', 'payment/' . $p['qbo_id'])['json']['Payment'];
echo "payment: total {$pay['TotalAmt']}, applied to the invoice: ",
    var_export($pay['Line'][0]['LinkedTxn'][0]['TxnId'] === $i['qbo_id'], true), "\n";
echo "counts: customers ", eng_qbo_count($realm, 'Customer', 'DisplayName', 'Ann Lee'),
    ", invoices ", eng_qbo_count($realm, 'Invoice', 'DocNumber', 'INV-1042'),
    ", payments ", eng_qbo_payments_marked($realm, 'pay-9'), "\n";
$s = qbo_status($conn);
echo "status: Synced {$s['counts']['Synced']}, queued {$s['queued']}\n";
?>
--EXPECT--
customer 21: Synced with a QBO id
invoice 1042: Synced with a QBO id
payment pay-9: Synced with a QBO id
invoice: DocNumber INV-1042, customer linked: true, total 25, balance 0
payment: total 25, applied to the invoice: true
counts: customers 1, invoices 1, payments 1
status: Synced 3, queued 0
