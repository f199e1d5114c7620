--TEST--
A record edited while its /batch create is in flight: the delivery's outcome (written to the row the claim read) records the version it sent, the edit stays queued and goes as an update next; the records around it Synced; QBO holds each customer once with the edited name
--FILE--
<?php
require __DIR__ . '/engine.inc';
[$conn, $realm, $opts] = qbo_test_connect(['delivery' => 'worker']);
foreach (['1', '2', '3'] as $k) {
    qbo_push($conn, 'customer', eng_customer("f$k", 'Flight', "Before$k", "f$k@example.com"));
}
$rule = qbo_test_fault(['kind' => 'slow', 'method' => 'POST', 'realm' => $realm,
    'path' => "/v3/company/$realm/batch", 'delay_ms' => 1500, 'count' => 1]);
$child = eng_child_start(['opts' => $opts, 'mode' => 'sync']);
/* a child under valgrind takes long to start: wait for its /batch as long as that takes */
qbo_test_fault_hit($rule, 150, 0.02, 0.1);
$st = qbo_push($conn, 'customer', eng_customer('f2', 'Flight', 'After2', 'f2@example.com'));
echo "edit pushed with the create in flight: queued ", var_export($st['queued'], true), "\n";
[$code, $out] = eng_child_wait($child);
qbo_test_http('DELETE', '/_sandbox/faults/' . $rule['id']);
$r = json_decode(trim($out), true);
echo "first sync: exit $code, delivered {$r['delivered']}\n";
function rows(string $store): void
{
    foreach (qbo_test_store_rows($store, "SELECT e.local_id, e.state, e.version, e.synced_version, o.status FROM entity e"
        . " LEFT JOIN outbox o ON o.conn = e.conn AND o.kind = e.kind AND o.local_id = e.local_id"
        . " WHERE e.kind = 'customer' ORDER BY e.local_id") as $row) {
        echo "  {$row['local_id']}: {$row['state']}, version {$row['version']}, synced version {$row['synced_version']}, outbox ",
            $row['status'] ?? 'none', "\n";
    }
}
rows($opts['store']);
$r = qbo_sync($conn);
echo "second sync: delivered {$r['delivered']}\n";
rows($opts['store']);
$names = [];
foreach (eng_qbo_all($realm, 'Customer') as $c) {
    if (str_starts_with($c['DisplayName'], 'Flight ')) {
        $names[] = $c['DisplayName'];
    }
}
sort($names);
echo "QBO: ", implode(', ', $names), "\n";
?>
--EXPECT--
edit pushed with the create in flight: queued true
first sync: exit 0, delivered 3
  f1: Synced, version 1, synced version 1, outbox none
  f2: Synced, version 2, synced version 1, outbox queued
  f3: Synced, version 1, synced version 1, outbox none
second sync: delivered 1
  f1: Synced, version 1, synced version 1, outbox none
  f2: Synced, version 2, synced version 2, outbox none
  f3: Synced, version 1, synced version 1, outbox none
QBO: Flight After2, Flight Before1, Flight Before3
