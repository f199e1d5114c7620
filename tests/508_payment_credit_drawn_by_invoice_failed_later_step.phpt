--TEST--
An invoice with credit applied is created in QBO, then drawing that credit from the customer's unapplied payment fails after QBO committed it (an HTML 408): the invoice's delivery is retried, and the QBO Id its create answered with is kept. The payment, whose own create's answer was lost, is settled on its retry: QBO's payment now applies to that invoice, which its document does not name; the store knows the invoice as the billing one whose credit applied that is, so the payment is Synced instead of Mismatch ('QuickBooks applies the payment to an invoice the billing system does not'), and QBO's invoice balance is the billing system's
--FILE--
<?php
require __DIR__ . '/engine.inc';
[$conn, $realm, $opts] = qbo_test_connect(['delivery' => 'worker']);
$st = fn($k, $id) => qbo_entities($conn, ['kind' => $k, 'id' => $id])[0];
qbo_push($conn, 'customer', eng_customer('c1', 'Drawn', 'Later', 'drawnlater@example.com'));
qbo_sync($conn, ['max_in_flight' => 1]);
/* Add Funds: its create is committed in QBO, the answer a gateway timeout */
qbo_test_fault(['kind' => 'timeout', 'when' => 'after', 'delay_ms' => 1, 'method' => 'POST', 'realm' => $realm, 'path' => "/v3/company/$realm/batch", 'count' => 1]);
qbo_push($conn, 'payment', eng_payment('pa', 'c1', '28.00'));
qbo_sync($conn, ['max_in_flight' => 1]);
echo "pa: {$st('payment', 'pa')['state']}, QBO payments ", count(eng_qbo_all($realm, 'Payment')), "\n";
/* the payment's retry later; the invoice is created, the update drawing its credit from QBO's payment is
 * committed, its answer an HTML 408 */
qbo_test_store_exec($opts['store'], "UPDATE outbox SET next_try = 4000000000 WHERE kind = 'payment'");
qbo_test_fault(['kind' => 'html', 'when' => 'after', 'status' => 408, 'method' => 'POST', 'realm' => $realm,
    'path' => "/v3/company/$realm/payment", 'count' => 1]);
qbo_push($conn, 'invoice', eng_invoice('i1', 'c1', '2.50', 'DL-1', ['credit_applied' => '2.50']));
qbo_sync($conn, ['max_in_flight' => 1]);
$i1 = $st('invoice', 'i1');
echo "i1: {$i1['state']} (version {$i1['synced_version']} of {$i1['version']}), QBO Id kept: ", var_export((string)$i1['qbo_id'] !== '', true), "\n";
/* the payment's retry first */
qbo_test_store_exec($opts['store'], "UPDATE outbox SET next_try = CASE WHEN kind = 'payment' THEN 0 ELSE 4000000000 END");
qbo_sync($conn, ['max_in_flight' => 1]);
echo "pa settled: {$st('payment', 'pa')['state']}", (string)$st('payment', 'pa')['reason'] !== '' ? ": {$st('payment', 'pa')['reason']}" : '', "\n";
qbo_test_store_exec($opts['store'], 'UPDATE outbox SET next_try = 0');
$r = qbo_sync($conn, ['max_in_flight' => 1]);
$inv = qbo_test_api($realm, 'GET', 'invoice/' . $st('invoice', 'i1')['qbo_id'])['json']['Invoice'];
$pay = qbo_test_api($realm, 'GET', 'payment/' . $st('payment', 'pa')['qbo_id'])['json']['Payment'];
echo "drained: pa {$st('payment', 'pa')['state']}, i1 {$st('invoice', 'i1')['state']}; remaining {$r['remaining']}; QBO invoices ",
    count(eng_qbo_all($realm, 'Invoice')), ", payments ", count(eng_qbo_all($realm, 'Payment')),
    "; invoice balance {$inv['Balance']}; payment unapplied {$pay['UnappliedAmt']}\n";
?>
--EXPECT--
pa: Not Tried, QBO payments 1
i1: Not Tried (version 0 of 1), QBO Id kept: true
pa settled: Synced
drained: pa Synced, i1 Synced; remaining 0; QBO invoices 1, payments 1; invoice balance 0; payment unapplied 25.5
