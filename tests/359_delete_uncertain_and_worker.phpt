--TEST--
A payment whose create answer was lost (QBO committed it) and that is then deleted: the delete finds the record that create made by the keys it carried (its marker among its date's payments) and deletes that record without sending the create again, so QBO keeps none; in worker mode qbo_delete only records the deletion and qbo_sync delivers it
--FILE--
<?php
require __DIR__ . '/engine.inc';
[$conn, $realm] = qbo_test_connect();
qbo_push($conn, 'customer', eng_customer('c1', 'Un', 'Certain', 'uncertain@example.com'));
qbo_test_fault(['kind' => 'drop', 'when' => 'after', 'method' => 'POST', 'path' => "/v3/company/$realm/payment", 'realm' => $realm, 'count' => 1]);
$p = qbo_push($conn, 'payment', eng_payment('p1', 'c1', '12.00'));
$live = fn() => count(array_filter(eng_qbo_all($realm, 'Payment'), fn($r) => $r['__status'] === 'active' && str_starts_with($r['PrivateNote'] ?? '', 'qbosync:payment:p1')));
echo "answer lost: {$p['state']}, qbo_id ", var_export($p['qbo_id'], true), "; QBO holds it: {$live()}\n";
$d = qbo_delete($conn, 'payment', 'p1');
echo "deleted: {$d['state']}; QBO payments marked p1 alive: {$live()}, in all: ", eng_qbo_payments_marked($realm, 'p1'), "\n";
$posts = array_values(array_filter(eng_requests($realm, "/v3/company/$realm/payment", 'POST'), fn($r) => !isset($r['query']['operation'])));
echo "creates: ", count($posts), "\n";

// worker mode: recorded, then delivered by qbo_sync
[$w, $realm2] = qbo_test_connect(['delivery' => 'worker']);
qbo_push($w, 'customer', eng_customer('c1', 'Work', 'Er', 'worker@example.com'));
qbo_push($w, 'payment', eng_payment('p2', 'c1', '8.00'));
qbo_sync($w);
$q = qbo_entities($w, ['kind' => 'payment'])[0];
$d = qbo_delete($w, 'payment', 'p2');
echo "worker: {$q['state']} -> qbo_delete: {$d['state']}, queued ", var_export($d['queued'], true), "\n";
$r = qbo_sync($w);
$e = qbo_entities($w, ['kind' => 'payment'])[0];
$st = array_values(array_filter(eng_qbo_all($realm2, 'Payment'), fn($x) => $x['Id'] === $q['qbo_id']))[0]['__status'];
echo "after sync: {$e['state']}, QBO Payment {$q['qbo_id']}: $st\n";
?>
--EXPECT--
answer lost: Not Tried, qbo_id NULL; QBO holds it: 1
deleted: Deleted; QBO payments marked p1 alive: 0, in all: 1
creates: 1
worker: Synced -> qbo_delete: Synced, queued true
after sync: Deleted, QBO Payment 1: deleted
