--TEST--
An invoice edit (30.00 to 35.00) that follows a create whose answer was lost is sent: QBO holds one invoice of 35.00; an invoice without a number edited likewise
--FILE--
<?php
require __DIR__ . '/engine.inc';
[$conn, $realm, $opts] = qbo_test_connect();
qbo_push($conn, 'customer', eng_customer('1', 'Ina', 'Voice', 'ina@example.com'));
qbo_test_fault(['kind' => 'drop', 'when' => 'after', 'method' => 'POST', 'realm' => $realm,
    'path' => "/v3/company/$realm/invoice", 'count' => 1]);
$i = qbo_push($conn, 'invoice', eng_invoice('5', '1', '30.00', 'E-5'));
echo "after the drop: {$i['state']}, queued ", var_export($i['queued'], true), ", QBO invoices E-5: ",
    eng_qbo_count($realm, 'Invoice', 'DocNumber', 'E-5'), "\n";
$i = qbo_push($conn, 'invoice', eng_invoice('5', '1', '35.00', 'E-5'));
$q = qbo_test_api($realm, 'GET', 'invoice/' . $i['qbo_id'])['json']['Invoice'];
echo "edited: {$i['state']}, QBO invoices E-5: ", eng_qbo_count($realm, 'Invoice', 'DocNumber', 'E-5'), ", total {$q['TotalAmt']}\n";

// no number: found by its marker
qbo_test_fault(['kind' => 'truncate', 'method' => 'POST', 'realm' => $realm, 'path' => "/v3/company/$realm/invoice", 'count' => 1]);
$n = qbo_push($conn, 'invoice', eng_invoice('6', '1', '30.00'));
echo "numberless, answer truncated: {$n['state']}, queued ", var_export($n['queued'], true), "\n";
$n = qbo_push($conn, 'invoice', eng_invoice('6', '1', '35.00'));
$marked = array_values(array_filter(eng_qbo_all($realm, 'Invoice'), fn($r) => preg_match('/qbosync:invoice:6(?![^\s;,])/', $r['PrivateNote'] ?? '')));
echo "numberless edited: {$n['state']}, QBO invoices marked 6: ", count($marked), ", total {$marked[0]['TotalAmt']}, same record: ",
    var_export($marked[0]['Id'] === $n['qbo_id'], true), "\n";
?>
--EXPECT--
after the drop: Not Tried, queued true, QBO invoices E-5: 1
edited: Synced, QBO invoices E-5: 1, total 35
numberless, answer truncated: Not Tried, queued true
numberless edited: Synced, QBO invoices marked 6: 1, total 35, same record: true
