--TEST--
The rows a delivery claimed move while its /batch is in flight (an outbox row to another seq; on SQLite an entity row to a new rowid and another record's entity row into the rowid it left): the outcome is still written to each record's own rows, found by its key; all Synced, no outbox row left, no row added, QBO holds each customer once
--FILE--
<?php
require __DIR__ . '/engine.inc';
[$conn, $realm, $opts] = qbo_test_connect(['delivery' => 'worker']);
foreach (['1', '2', '3'] as $k) {
    qbo_push($conn, 'customer', eng_customer("g$k", 'Moved', "Row$k", "g$k@example.com"));
}
$store = $opts['store'];
$rule = qbo_test_fault(['kind' => 'slow', 'method' => 'POST', 'realm' => $realm,
    'path' => "/v3/company/$realm/batch", 'delay_ms' => 1500, 'count' => 1]);
$child = eng_child_start(['opts' => $opts, 'mode' => 'sync']);
/* a child under valgrind takes long to start: wait for its /batch as long as that takes */
qbo_test_fault_hit($rule, 150, 0.02, 0.1);
$top = (int)qbo_test_store_rows($store, "SELECT max(seq) AS m FROM outbox")[0]['m'];
echo "outbox rows moved: ", qbo_test_store_exec($store, "UPDATE outbox SET seq = ? WHERE kind = 'customer' AND local_id = 'g1'", [$top + 100]), "\n";
if (qbo_test_backend() === 'sqlite') {
    $old = (int)qbo_test_store_rows($store, "SELECT rowid AS r FROM entity WHERE kind = 'customer' AND local_id = 'g2'")[0]['r'];
    $free = (int)qbo_test_store_rows($store, "SELECT max(rowid) AS r FROM entity")[0]['r'] + 100;
    qbo_test_store_exec($store, "UPDATE entity SET rowid = ? WHERE kind = 'customer' AND local_id = 'g2'", [$free]);
    qbo_test_store_exec($store, "UPDATE entity SET rowid = ? WHERE kind = 'customer' AND local_id = 'g3'", [$old]);
}
[$code, $out] = eng_child_wait($child);
qbo_test_http('DELETE', '/_sandbox/faults/' . $rule['id']);
$r = json_decode(trim($out), true);
echo "sync: exit $code, delivered {$r['delivered']}\n";
foreach (qbo_test_store_rows($store, "SELECT local_id, state, version, synced_version, qbo_id FROM entity"
    . " WHERE kind = 'customer' ORDER BY local_id") as $row) {
    echo "  {$row['local_id']}: {$row['state']}, version {$row['version']}, synced version {$row['synced_version']}, QBO Id ",
        $row['qbo_id'] !== null && $row['qbo_id'] !== '' ? 'set' : 'none', "\n";
}
echo "entity rows: ", qbo_test_store_rows($store, "SELECT count(*) AS n FROM entity")[0]['n'],
    ", outbox rows: ", qbo_test_store_rows($store, "SELECT count(*) AS n FROM outbox")[0]['n'], "\n";
$names = [];
foreach (eng_qbo_all($realm, 'Customer') as $c) {
    if (str_starts_with($c['DisplayName'], 'Moved ')) {
        $names[] = $c['DisplayName'];
    }
}
sort($names);
echo "QBO: ", implode(', ', $names), "\n";
$s = qbo_status($conn);
echo "status: Synced {$s['counts']['Synced']}, queued {$s['queued']}\n";
?>
--EXPECT--
outbox rows moved: 1
sync: exit 0, delivered 3
  g1: Synced, version 1, synced version 1, QBO Id set
  g2: Synced, version 1, synced version 1, QBO Id set
  g3: Synced, version 1, synced version 1, QBO Id set
entity rows: 3, outbox rows: 0
QBO: Moved Row1, Moved Row2, Moved Row3
status: Synced 3, queued 0
