--TEST--
An inline payment create that times out while QBO commits it stays queued; the worker's retry finds it (its marker / requestid) instead of paying twice
--FILE--
<?php
require __DIR__ . '/engine.inc';
[$conn, $realm, $opts] = qbo_test_connect(['inline_timeout' => 0.5]);
qbo_push($conn, 'customer', eng_customer('1', 'Tim', 'Out', 'tim@example.com'));
qbo_push($conn, 'invoice', eng_invoice('2', '1', '70.00', 'T-2'));
// QBO creates the payment, then answers too late for the hook path's timeout
qbo_test_fault(['kind' => 'slow', 'when' => 'after', 'method' => 'POST', 'realm' => $realm,
    'path' => "/v3/company/$realm/payment", 'delay_ms' => 1500, 'count' => 1]);
$p = qbo_push($conn, 'payment', eng_payment('3', '1', '70.00', '2'));
echo "after the timeout: {$p['state']}, queued ", var_export($p['queued'], true), "\n";
echo "QBO already holds it: ", eng_qbo_payments_marked($realm, '3'), "\n";
$r = qbo_sync($conn);
echo "sync: delivered {$r['delivered']}, remaining {$r['remaining']}\n";
$log = array_column(qbo_test_store_rows($opts['store'], "SELECT message FROM log WHERE kind = 'payment' AND method IS NULL ORDER BY id"), 'message');
echo "log: ", implode(' | ', array_map(fn($m) => preg_replace('/^(Payment 3: (attempt 1 failed \\(NetworkError\\)|linked|created)).*/', '$1', $m), $log)), "\n";
$e = qbo_entities($conn, ['kind' => 'payment'])[0];
$inv = qbo_test_api($realm, 'GET', 'invoice/' . qbo_entities($conn, ['kind' => 'invoice'])[0]['qbo_id'])['json']['Invoice'];
echo "payment: {$e['state']}, QBO payments: ", eng_qbo_payments_marked($realm, '3'), ", invoice balance {$inv['Balance']}\n";
?>
--EXPECT--
after the timeout: Not Tried, queued true
QBO already holds it: 1
sync: delivered 1, remaining 0
log: Payment 3: attempt 1 failed (NetworkError) | Payment 3: linked
payment: Synced, QBO payments: 1, invoice balance 0
