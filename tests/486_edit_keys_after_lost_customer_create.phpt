--TEST--
A customer's create reaches QBO and commits but its answer is lost, in a /batch (qbo_sync) and as a single create (inline); before the next delivery the customer's display name and email both change, and QBO's requestid replays are gone (their retention is unknown; a batch's replay is not relied on): the retry finds the record by the natural keys the unanswered create carried, adopts it and sends the edit as an update: one QBO customer each, holding the edit, Synced at the edit's version and linked to that record
--FILE--
<?php
require __DIR__ . '/engine.inc';

function gd_report(string $realm, string $store, string $id, string $label): void
{
    $marked = array_values(array_filter(eng_qbo_all($realm, 'Customer'),
        fn($c) => preg_match('/qbosync:customer:' . preg_quote($id, '/') . '(?![^\s;,])/', $c['Notes'] ?? '')));
    $e = qbo_test_store_rows($store, 'SELECT state, version, synced_version, qbo_id FROM entity WHERE kind = ? AND local_id = ?',
        ['customer', $id])[0];
    echo "$label: QBO customers of $id: ", count($marked), " (", implode(', ', array_map(fn($c) => $c['DisplayName']
        . ' <' . ($c['PrimaryEmailAddr']['Address'] ?? '') . '>', $marked)), "); $e[state], version $e[version], synced version $e[synced_version], linked to it: ",
        var_export(count($marked) === 1 && $marked[0]['Id'] === $e['qbo_id'], true), "\n";
}

/* the batched path: the /batch that created both customers loses its answer */
[$conn, $realm, $opts] = qbo_test_connect(['delivery' => 'worker']);
$store = $opts['store'];
qbo_push($conn, 'customer', eng_customer('g1', 'Gus', 'Before', 'gus@example.com'));
qbo_push($conn, 'customer', eng_customer('g2', 'Gina', 'Same', 'gina@example.com'));
$rule = qbo_test_fault(['kind' => 'drop', 'when' => 'after', 'method' => 'POST', 'realm' => $realm,
    'path' => "/v3/company/$realm/batch", 'match' => 'qbosync:customer:g1', 'count' => 1]);
$r = qbo_sync($conn, ['batch_size' => 30]);
echo "first run: /batch requests ", count(eng_requests($realm, "/v3/company/$realm/batch", 'POST')), ", remaining {$r['remaining']}, QBO customers named Gus Before: ",
    eng_qbo_count($realm, 'Customer', 'DisplayName', 'Gus Before'), "\n";
qbo_test_http('DELETE', '/_sandbox/faults/' . $rule['id']);
qbo_push($conn, 'customer', eng_customer('g1', 'Gus', 'After', 'gus.after@example.com'));
echo "replays forgotten: ", var_export(qbo_test_http('DELETE', "/_sandbox/requestids/$realm")['json']['deleted'] >= 1, true), "\n";
for ($i = 0; $i < 3; $i++) {
    qbo_test_store_exec($store, 'UPDATE outbox SET next_try = 0');
    $r = qbo_sync($conn, ['batch_size' => 30]);
}
echo "after the retries: remaining {$r['remaining']}, errors {$r['errors']}\n";
gd_report($realm, $store, 'g1', 'batched');
gd_report($realm, $store, 'g2', 'batched');

/* the one-record path: an inline create loses its answer */
[$conn, $realm, $opts] = qbo_test_connect(['delivery' => 'inline']);
$store = $opts['store'];
$rule = qbo_test_fault(['kind' => 'drop', 'when' => 'after', 'method' => 'POST', 'realm' => $realm,
    'path' => "/v3/company/$realm/customer", 'count' => 1]);
$st = qbo_push($conn, 'customer', eng_customer('h1', 'Hal', 'Before', 'hal@example.com'));
echo "h1 after the lost answer: {$st['state']}, queued ", var_export($st['queued'], true), ", QBO customers named Hal Before: ",
    eng_qbo_count($realm, 'Customer', 'DisplayName', 'Hal Before'), "\n";
qbo_test_http('DELETE', '/_sandbox/faults/' . $rule['id']);
echo "replays forgotten: ", var_export(qbo_test_http('DELETE', "/_sandbox/requestids/$realm")['json']['deleted'] >= 1, true), "\n";
qbo_test_store_exec($store, 'UPDATE outbox SET next_try = 0');
$st = qbo_push($conn, 'customer', eng_customer('h1', 'Hal', 'After', 'hal.after@example.com'));
echo "h1 edited: {$st['state']}, queued ", var_export($st['queued'], true), "\n";
gd_report($realm, $store, 'h1', 'single');
echo "outbox rows left: ", count(qbo_test_store_rows($store, 'SELECT 1 FROM outbox')), "\n";
?>
--EXPECT--
first run: /batch requests 1, remaining 2, QBO customers named Gus Before: 1
replays forgotten: true
after the retries: remaining 0, errors 0
batched: QBO customers of g1: 1 (Gus After <gus.after@example.com>); Synced, version 2, synced version 2, linked to it: true
batched: QBO customers of g2: 1 (Gina Same <gina@example.com>); Synced, version 1, synced version 1, linked to it: true
h1 after the lost answer: Not Tried, queued true, QBO customers named Hal Before: 1
replays forgotten: true
h1 edited: Synced, queued false
single: QBO customers of h1: 1 (Hal After <hal.after@example.com>); Synced, version 2, synced version 2, linked to it: true
outbox rows left: 0
