--TEST--
An invoice whose credit_applied the customer's open credit in QBO does not cover, while a payment of the customer's that applies to nothing (Add Funds) is still on its way (its create failed and waits for a retry), waits for that payment instead of Mismatch (QBO holds the invoice, with the credit there applied), and once the payment is in QBO the rest of its credit is drawn: Synced with QBO's balance the billing one; a credit source QBO refuses (Error) holds no invoice up: the waiting invoice, looked at again, is Mismatch
--FILE--
<?php
require __DIR__ . '/engine.inc';
[$conn, $realm, $opts] = qbo_test_connect();
$st = fn($k, $id) => qbo_entities($conn, ['kind' => $k, 'id' => $id])[0];
$bal = fn($id) => qbo_test_api($realm, 'GET', 'invoice/' . $st('invoice', $id)['qbo_id'])['json']['Invoice']['Balance'];
qbo_push($conn, 'customer', eng_customer('c1', 'Cred', 'Wait', 'credwait@example.com'));
qbo_push($conn, 'payment', eng_payment('pa', 'c1', '10.00'));
/* the second Add Funds payment: its create fails once */
qbo_test_fault(['kind' => '500', 'method' => 'POST', 'realm' => $realm, 'path' => "/v3/company/$realm/payment", 'count' => 1]);
$s = qbo_push($conn, 'payment', eng_payment('pb', 'c1', '20.00'));
echo "pb: {$s['state']}\n";
$s = qbo_push($conn, 'invoice', eng_invoice('i1', 'c1', '40.00', 'CW-1', ['credit_applied' => '30.00']));
echo "i1: {$s['state']}: {$s['reason']}; QBO balance {$bal('i1')}\n";
$s = qbo_resend($conn, 'payment', 'pb');
echo "pb sent again: {$s['state']}; i1 {$st('invoice', 'i1')['state']}, QBO balance {$bal('i1')}\n";
$pb = qbo_test_api($realm, 'GET', 'payment/' . $st('payment', 'pb')['qbo_id'])['json']['Payment'];
echo "pb in QBO: unapplied {$pb['UnappliedAmt']}; invoices QBO holds: ", count(eng_qbo_all($realm, 'Invoice')), "\n";

/* the credit source QBO refuses: its payment method made inactive there */
qbo_push($conn, 'customer', eng_customer('c2', 'Err', 'Source', 'errsource@example.com'));
$pm = qbo_test_api($realm, 'POST', 'paymentmethod', ['Name' => 'Retired card'])['json']['PaymentMethod'];
qbo_map($conn, 'payment_method', 'retired', $pm['Id']);
qbo_test_fault(['kind' => '500', 'method' => 'POST', 'realm' => $realm, 'path' => "/v3/company/$realm/payment", 'count' => 1]);
$s = qbo_push($conn, 'payment', ['method' => 'retired'] + eng_payment('pc', 'c2', '15.00'));
echo "pc: {$s['state']}\n";
$s = qbo_push($conn, 'invoice', eng_invoice('i2', 'c2', '15.00', 'CW-2', ['credit_applied' => '15.00']));
echo "i2: {$s['state']}: {$s['reason']}\n";
qbo_test_api($realm, 'POST', 'paymentmethod', ['Id' => $pm['Id'], 'SyncToken' => $pm['SyncToken'], 'Name' => 'Retired card',
    'Active' => false, 'sparse' => true]);
try {
    qbo_resend($conn, 'payment', 'pc');
} catch (QboSync\ApiException $ex) {
}
echo "pc sent again: {$st('payment', 'pc')['state']}\n";
qbo_test_store_exec($opts['store'], 'UPDATE outbox SET next_try = 0');
$r = qbo_sync($conn);
echo "i2 looked at again: {$st('invoice', 'i2')['state']}: {$st('invoice', 'i2')['reason']}; remaining {$r['remaining']}\n";
?>
--EXPECTF--
pb: Not Tried
i1: Waiting: Waiting on payment pb, the customer's credit that is not in QuickBooks yet: the customer has 10.00 of open credit in QuickBooks for the 30.00 applied; the rest is applied once it is there; QBO balance 30
pb sent again: Synced; i1 Synced, QBO balance 10
pb in QBO: unapplied 0; invoices QBO holds: 1
pc: Not Tried
i2: Waiting: Waiting on payment pc, the customer's credit that is not in QuickBooks yet: the customer has 0.00 of open credit in QuickBooks for the 15.00 applied; the rest is applied once it is there
pc sent again: Error
i2 looked at again: Mismatch: Invoice i2: QuickBooks balance 15.00, billing balance 0.00 — %s (the customer has 0.00 of open credit in QuickBooks for the 15.00 applied); remaining 0
