--TEST--
A payment edit that follows a create whose answer was lost is sent: 25.00 edited to 26.00 is 26.00 in QBO, an unapplied payment edited to apply pays its invoice; one QBO payment each
--FILE--
<?php
require __DIR__ . '/engine.inc';
[$conn, $realm, $opts] = qbo_test_connect(['inline_timeout' => 0.5]);
qbo_push($conn, 'customer', eng_customer('1', 'Lost', 'Answer', 'lost@example.com'));
qbo_push($conn, 'invoice', eng_invoice('2', '1', '40.00', 'L-2'));
// QBO records the payment, then answers too late for the hook path
qbo_test_fault(['kind' => 'slow', 'when' => 'after', 'method' => 'POST', 'realm' => $realm,
    'path' => "/v3/company/$realm/payment", 'delay_ms' => 1500, 'count' => 1]);
$p = qbo_push($conn, 'payment', eng_payment('3', '1', '25.00'));
echo "after the lost answer: {$p['state']}, queued ", var_export($p['queued'], true), "\n";
usleep(1200000);
echo "QBO holds it: ", eng_qbo_payments_marked($realm, '3'), "\n";
// the billing system corrects the amount; the hook path delivers the new version
$p = qbo_push($conn, 'payment', eng_payment('3', '1', '26.00'));
$qp = array_values(array_filter(eng_qbo_all($realm, 'Payment'), fn($r) => str_contains($r['PrivateNote'] ?? '', 'qbosync:payment:3')));
echo "payment 3: {$p['state']}, QBO payments: ", count($qp), ", QBO amount {$qp[0]['TotalAmt']}, same record: ",
    var_export($qp[0]['Id'] === $p['qbo_id'], true), "\n";

// pushed unapplied, its answer lost, then pushed applied to invoice 2
qbo_test_fault(['kind' => 'drop', 'when' => 'after', 'method' => 'POST', 'realm' => $realm,
    'path' => "/v3/company/$realm/payment", 'count' => 1]);
$u = qbo_push($conn, 'payment', eng_payment('4', '1', '40.00'));
echo "unapplied, answer dropped: {$u['state']}, queued ", var_export($u['queued'], true), ", QBO holds it: ", eng_qbo_payments_marked($realm, '4'), "\n";
$u = qbo_push($conn, 'payment', eng_payment('4', '1', '40.00', '2'));
$inv = qbo_test_api($realm, 'GET', 'invoice/' . qbo_entities($conn, ['kind' => 'invoice'])[0]['qbo_id'])['json']['Invoice'];
$pay = qbo_test_api($realm, 'GET', 'payment/' . $u['qbo_id'])['json']['Payment'];
echo "payment 4: {$u['state']}, QBO payments: ", eng_qbo_payments_marked($realm, '4'), ", applied lines: ", count($pay['Line'] ?? []),
    ", invoice balance {$inv['Balance']}\n";
$r = qbo_sync($conn);
echo "sync afterwards: delivered {$r['delivered']}, remaining {$r['remaining']}\n";
?>
--EXPECT--
after the lost answer: Not Tried, queued true
QBO holds it: 1
payment 3: Synced, QBO payments: 1, QBO amount 26, same record: true
unapplied, answer dropped: Not Tried, queued true, QBO holds it: 1
payment 4: Synced, QBO payments: 1, applied lines: 1, invoice balance 0
sync afterwards: delivered 0, remaining 0
