--TEST--
qbo_push customer (inline): Synced with its QBO id, QBO holds exactly one, an unchanged re-push records nothing
--FILE--
<?php
require __DIR__ . '/engine.inc';
[$conn, $realm, $opts] = qbo_test_connect();
$doc = eng_customer('17', 'Jane', 'Doe', 'jane@example.com', ['phone' => '555-0101']);
$st = qbo_push($conn, 'customer', $doc);
echo "state: {$st['state']}, version {$st['version']}, queued ", var_export($st['queued'], true), "\n";
$rows = qbo_test_query($realm, "select * from Customer where DisplayName = 'Jane Doe'");
echo "QBO rows: ", count($rows), ", same id: ", var_export($rows[0]['Id'] === $st['qbo_id'], true),
    ", email: {$rows[0]['PrimaryEmailAddr']['Address']}\n";
$e = qbo_test_store_rows($opts['store'], "SELECT state, qbo_id, sync_token FROM entity WHERE kind = 'customer' AND local_id = '17'")[0];
echo "store: {$e['state']}, qbo_id stored: ", var_export($e['qbo_id'] === $st['qbo_id'], true), ", SyncToken {$e['sync_token']}\n";
echo "outbox rows: ", count(qbo_test_store_rows($opts['store'], 'SELECT * FROM outbox')), "\n";
$st2 = qbo_push($conn, 'customer', $doc);
echo "again: {$st2['state']}, version {$st2['version']}\n";
echo "QBO customers named Jane Doe: ", eng_qbo_count($realm, 'Customer', 'DisplayName', 'Jane Doe'), "\n";
$log = qbo_test_store_rows($opts['store'], "SELECT level, message FROM log WHERE kind = 'customer' AND local_id = '17' AND method IS NULL");
echo "log: ", count($log), " ", $log[0]['level'], " ", str_contains($log[0]['message'], 'created QBO Customer ' . $st['qbo_id']) ? 'names the QBO id' : $log[0]['message'], "\n";
?>
--EXPECT--
state: Synced, version 1, queued false
QBO rows: 1, same id: true, email: jane@example.com
store: Synced, qbo_id stored: true, SyncToken 0
outbox rows: 0
again: Synced, version 1
QBO customers named Jane Doe: 1
log: 1 info names the QBO id
