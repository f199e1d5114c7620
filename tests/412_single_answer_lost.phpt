--TEST--
A single create sent beside the batches (the window's /batch requests spent) is committed by QBO but its answer is lost (connection dropped after the handler ran), for a customer and for an invoice without a number: the rest is Synced, the two stay queued, and the retry settles each by its natural key (DisplayName, the invoice's marker) without creating it again: QBO holds every record exactly once and the store links each to the record QBO made
--FILE--
<?php
require __DIR__ . '/batch.inc';
[$conn, $realm, $opts] = qbo_test_connect(['delivery' => 'worker']);
$sql = 'SELECT key FROM conn';
$db = qbo_test_store_db($opts['store'], $sql);
$key = $db->query($sql)->fetchColumn();
$sql = 'INSERT INTO rate_slot(conn, at, batch) VALUES(?, ?, 1)';
$db = qbo_test_store_db($opts['store'], $sql);
$ins = $db->prepare($sql);
for ($i = 0; $i < 40; $i++) {
    $ins->execute([$key, microtime(true)]);
}
bt_load($conn, 6);
qbo_test_fault(['kind' => 'drop', 'when' => 'after', 'method' => 'POST', 'realm' => $realm,
    'path' => "/v3/company/$realm/customer", 'match' => 'qbosync:customer:b2', 'count' => 1]);
qbo_test_fault(['kind' => 'drop', 'when' => 'after', 'method' => 'POST', 'realm' => $realm,
    'path' => "/v3/company/$realm/invoice", 'match' => 'qbosync:invoice:ib3', 'count' => 1]);
$r = qbo_sync($conn, ['batch_size' => 30, 'rate_window' => 60]);
echo "first run: errors {$r['errors']}, remaining > 0: ", var_export($r['remaining'] > 0, true), "\n";
echo "/batch requests: ", count(bt_batch_intervals($realm)), "\n";
$m = bt_markers($realm);
echo "in QBO after the first run: customers ", count(array_filter(array_keys($m), fn($k) => str_starts_with($k, 'customer:'))),
    ", invoices ", count(array_filter(array_keys($m), fn($k) => str_starts_with($k, 'invoice:'))), "\n";
for ($i = 0; $i < 4; $i++) {
    qbo_test_store_exec($opts['store'], 'UPDATE conn SET throttled_until = 0');
    qbo_test_store_exec($opts['store'], 'UPDATE outbox SET next_try = 0');
    $r = qbo_sync($conn, ['batch_size' => 30, 'rate_window' => 60]);
}
echo "after the retries: remaining {$r['remaining']}, errors {$r['errors']}\n";
echo bt_exactly_once($realm, 6), "\n";
$rows = qbo_test_store_rows($opts['store'], "SELECT state, count(*) AS n FROM entity GROUP BY state");
echo implode(', ', array_map(fn($x) => "$x[state] $x[n]", $rows)), "\n";
foreach ([['customer', 'b2', 'Customer', 'Notes'], ['invoice', 'ib3', 'Invoice', 'PrivateNote']] as [$kind, $id, $entity, $field]) {
    $qbo = array_values(array_filter(eng_qbo_all($realm, $entity), fn($x) => preg_match("/qbosync:$kind:$id(?![\\w])/", $x[$field] ?? '')));
    $row = qbo_test_store_rows($opts['store'], 'SELECT qbo_id FROM entity WHERE kind = ? AND local_id = ?', [$kind, $id])[0] ?? [];
    echo "$kind $id linked to the record QBO made: ", var_export(count($qbo) === 1 && ($row['qbo_id'] ?? '') === $qbo[0]['Id'], true), "\n";
}
?>
--EXPECT--
first run: errors 0, remaining > 0: true
/batch requests: 0
in QBO after the first run: customers 6, invoices 5
after the retries: remaining 0, errors 0
every record exactly once
Synced 18
customer b2 linked to the record QBO made: true
invoice ib3 linked to the record QBO made: true
