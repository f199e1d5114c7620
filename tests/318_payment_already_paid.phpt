--TEST--
Double-entry prevention: a payment for an invoice QBO already shows paid (recorded there by hand) is Skipped with the reason, not recorded twice
--FILE--
<?php
require __DIR__ . '/engine.inc';
[$conn, $realm, $opts] = qbo_test_connect();
$c = qbo_push($conn, 'customer', eng_customer('1', 'Dot', 'Pay', 'dot@example.com'));
$i = qbo_push($conn, 'invoice', eng_invoice('2', '1', '33.00', 'DP-2'));
$manual = qbo_test_api($realm, 'POST', 'payment', ['CustomerRef' => ['value' => $c['qbo_id']], 'TotalAmt' => 33.00,
    'Line' => [['Amount' => 33.00, 'LinkedTxn' => [['TxnId' => $i['qbo_id'], 'TxnType' => 'Invoice']]]]]);
echo "paid by hand in QBO: HTTP {$manual['status']}\n";
$p = qbo_push($conn, 'payment', eng_payment('3', '1', '33.00', '2'));
echo "payment: {$p['state']}, queued ", var_export($p['queued'], true), ", qbo_id ", var_export($p['qbo_id'], true), "\n";
echo "reason: ", str_replace("QBO Invoice {$i['qbo_id']}", 'QBO Invoice <id>', $p['reason']), "\n";
$n = count(array_filter(eng_qbo_all($realm, 'Payment'), fn($r) => ($r['CustomerRef']['value'] ?? '') === $c['qbo_id']));
echo "QBO payments of the customer: $n\n";
// an invoice with an open balance takes its payment normally
$i2 = qbo_push($conn, 'invoice', eng_invoice('4', '1', '12.00', 'DP-4'));
$p2 = qbo_push($conn, 'payment', eng_payment('5', '1', '12.00', '4'));
echo "second payment: {$p2['state']}\n";
?>
--EXPECT--
paid by hand in QBO: HTTP 200
payment: Skipped, queued false, qbo_id NULL
reason: QuickBooks already shows invoice 2 paid (balance 0, QBO Invoice <id>); this payment was not recorded a second time
QBO payments of the customer: 1
second payment: Synced
