--TEST--
A payment whose first attempt QBO throttled (429: its create requestid kept, the outcome unknown) is deleted in the billing system: the deletion looks for what that create made by its keys (nothing), sends the create again under its requestid to settle it, and QBO refuses that with a Fault (6000: the invoice is paid in full); nothing of the payment is in QBO, so it ends Deleted ("Deleted before it reached QuickBooks"), not Error
--FILE--
<?php
require __DIR__ . '/engine.inc';
[$conn, $realm, $opts] = qbo_test_connect(['delivery' => 'worker']);
$st = fn($k, $id) => qbo_entities($conn, ['kind' => $k, 'id' => $id])[0];
qbo_push($conn, 'customer', eng_customer('c1', 'Re', 'Fused', 'refused@example.com'));
qbo_push($conn, 'invoice', eng_invoice('i1', 'c1', '50.00'));
qbo_push($conn, 'payment', eng_payment('p1', 'c1', '50.00', 'i1'));
qbo_sync($conn, ['batch_size' => 30]);
/* p2 would pay the invoice again; its first attempt is throttled at the invoice's read */
qbo_push($conn, 'payment', eng_payment('p2', 'c1', '20.00', 'i1'));
qbo_test_fault(['kind' => '429', 'method' => 'GET', 'realm' => $realm, 'path' => "/v3/company/$realm/invoice/*", 'count' => 1]);
qbo_sync($conn, ['batch_size' => 1]);
$row = qbo_test_store_rows($opts['store'], "SELECT create_rid FROM entity WHERE kind = 'payment' AND local_id = 'p2'")[0];
echo "throttled: p2 {$st('payment', 'p2')['state']}, create requestid kept: ", var_export($row['create_rid'] !== null && $row['create_rid'] !== '', true), "\n";
qbo_delete($conn, 'payment', 'p2');
qbo_test_store_exec($opts['store'], 'UPDATE outbox SET next_try = 0');
qbo_test_store_exec($opts['store'], 'UPDATE conn SET throttled_until = 0');
$before = count(eng_requests($realm, "/v3/company/$realm/payment*", 'POST'));
qbo_sync($conn, ['batch_size' => 1]);
$p = $st('payment', 'p2');
echo "deleted: p2 {$p['state']} ({$p['reason']}); creates sent again: ", count(eng_requests($realm, "/v3/company/$realm/payment*", 'POST')) - $before,
    "; QBO payments of p2: ", eng_qbo_payments_marked($realm, 'p2'), "\n";
$why = array_values(array_filter(qbo_log($conn, ['kind' => 'payment', 'id' => 'p2', 'limit' => 50]), fn($l) => str_contains($l['message'], 'never reached')));
echo preg_replace('/\(\d+\)/', '(code)', $why[0]['message'] ?? 'no log line'), "\n";
?>
--EXPECT--
throttled: p2 Not Tried, create requestid kept: true
deleted: p2 Deleted (Deleted before it reached QuickBooks); creates sent again: 1; QBO payments of p2: 0
Payment p2: QuickBooks refused the create sent again under its requestid (code) and holds nothing its keys find: the record never reached QuickBooks
