--TEST--
A payment whose create QBO committed but whose answer was lost, in a /batch (qbo_sync) and as a single create (inline), is then deleted with QBO's requestid replays gone (a batch's is not relied on, their retention is unknown): the delete finds the record that create made by its marker among its date's payments and deletes it, without creating another: QBO keeps no live payment of either
--FILE--
<?php
require __DIR__ . '/engine.inc';

function dl_report(string $realm, string $id, string $label): void
{
    $marked = array_values(array_filter(eng_qbo_all($realm, 'Payment'),
        fn($r) => preg_match('/qbosync:payment:' . $id . '(?![^\s;,])/', $r['PrivateNote'] ?? '')));
    echo "$label: QBO payments marked $id: ", count($marked), ", alive: ",
        count(array_filter($marked, fn($r) => $r['__status'] === 'active')), "\n";
}

/* the batched path */
[$conn, $realm, $opts] = qbo_test_connect(['delivery' => 'worker']);
qbo_push($conn, 'customer', eng_customer('c1', 'Del', 'Ete', 'delete@example.com'));
qbo_push($conn, 'payment', eng_payment('p1', 'c1', '12.00'));
qbo_push($conn, 'payment', eng_payment('p2', 'c1', '13.00'));
$rule = qbo_test_fault(['kind' => 'drop', 'when' => 'after', 'method' => 'POST', 'realm' => $realm,
    'path' => "/v3/company/$realm/batch", 'match' => 'qbosync:payment:p1', 'count' => 1]);
$r = qbo_sync($conn, ['batch_size' => 30]);
echo "first run: remaining {$r['remaining']}\n";
dl_report($realm, 'p1', 'batched, answer lost');
qbo_test_http('DELETE', '/_sandbox/faults/' . $rule['id']);
qbo_delete($conn, 'payment', 'p1');
echo "replays forgotten: ", var_export(qbo_test_http('DELETE', "/_sandbox/requestids/$realm")['json']['deleted'] >= 1, true), "\n";
qbo_test_store_exec($opts['store'], 'UPDATE outbox SET next_try = 0');
$r = qbo_sync($conn, ['batch_size' => 30]);
$e = qbo_entities($conn, ['kind' => 'payment', 'id' => 'p1'])[0];
echo "after the delete: remaining {$r['remaining']}, errors {$r['errors']}, p1 {$e['state']}\n";
dl_report($realm, 'p1', 'batched, deleted');
dl_report($realm, 'p2', 'batched, deleted');

/* the one-record path */
[$conn, $realm, $opts] = qbo_test_connect(['delivery' => 'inline']);
qbo_push($conn, 'customer', eng_customer('c1', 'Del', 'Ete', 'delete@example.com'));
$rule = qbo_test_fault(['kind' => 'drop', 'when' => 'after', 'method' => 'POST', 'realm' => $realm,
    'path' => "/v3/company/$realm/payment", 'count' => 1]);
$p = qbo_push($conn, 'payment', eng_payment('p3', 'c1', '14.00'));
qbo_test_http('DELETE', '/_sandbox/faults/' . $rule['id']);
echo "single, answer lost: {$p['state']}; replays forgotten: ",
    var_export(qbo_test_http('DELETE', "/_sandbox/requestids/$realm")['json']['deleted'] >= 1, true), "\n";
qbo_test_store_exec($opts['store'], 'UPDATE outbox SET next_try = 0');
$d = qbo_delete($conn, 'payment', 'p3');
echo "single, deleted: {$d['state']}\n";
dl_report($realm, 'p3', 'single, deleted');
?>
--EXPECT--
first run: remaining 2
batched, answer lost: QBO payments marked p1: 1, alive: 1
replays forgotten: true
after the delete: remaining 0, errors 0, p1 Deleted
batched, deleted: QBO payments marked p1: 1, alive: 0
batched, deleted: QBO payments marked p2: 1, alive: 1
single, answer lost: Not Tried; replays forgotten: true
single, deleted: Deleted
single, deleted: QBO payments marked p3: 1, alive: 0
