--TEST--
An outbox row or an entity row whose stored status/state is a name qbosync does not know (a damaged or foreign row) is a StoreException naming the table, the record, the value and what to do: for the record's push, qbo_entities, qbo_status's counts and qbo_sync's due list; nothing is overwritten, and once the row is corrected the record is delivered
--FILE--
<?php
require __DIR__ . '/engine.inc';
[$conn, $realm, $opts] = qbo_test_connect(['delivery' => 'worker']);
$store = $opts['store'];
qbo_push($conn, 'customer', eng_customer('u1', 'Unknown', 'Status', 'u1@example.com'));
function attempt(string $what, callable $f): void
{
    try {
        $r = $f();
        echo "$what: no exception (", json_encode($r), ")\n";
    } catch (QboSync\StoreException $e) {
        echo "$what: ", get_class($e), ": ", $e->getMessage(), "\n";
    }
}
function rows(string $store): void
{
    foreach (qbo_test_store_rows($store, "SELECT e.state, o.status FROM entity e LEFT JOIN outbox o"
        . " ON o.conn = e.conn AND o.kind = e.kind AND o.local_id = e.local_id WHERE e.local_id = 'u1'") as $row) {
        echo "  stored: entity {$row['state']}, outbox ", $row['status'] ?? 'none', "\n";
    }
}
echo "outbox rows changed: ", qbo_test_store_exec($store, "UPDATE outbox SET status = 'parked' WHERE local_id = 'u1'"), "\n";
attempt('push', fn() => qbo_push($conn, 'customer', eng_customer('u1', 'Unknown', 'Edited', 'u1@example.com'))['state']);
attempt('sync', fn() => qbo_sync($conn)['delivered']);
rows($store);
qbo_test_store_exec($store, "UPDATE outbox SET status = 'queued' WHERE local_id = 'u1'");
echo "entity rows changed: ", qbo_test_store_exec($store, "UPDATE entity SET state = 'Frozen' WHERE local_id = 'u1'"), "\n";
attempt('push', fn() => qbo_push($conn, 'customer', eng_customer('u1', 'Unknown', 'Edited', 'u1@example.com'))['state']);
attempt('entities', fn() => array_column(qbo_entities($conn, ['kind' => 'customer']), 'state'));
attempt('status', fn() => qbo_status($conn)['counts']);
rows($store);
qbo_test_store_exec($store, "UPDATE entity SET state = 'Not Tried' WHERE local_id = 'u1'");
attempt('sync after the rows were corrected', fn() => qbo_sync($conn)['delivered']);
rows($store);
echo "QBO: ", eng_qbo_count($realm, 'Customer', 'DisplayName', 'Unknown Status'), "\n";
?>
--EXPECTF--
outbox rows changed: 1
push: QboSync\StoreException: The store's %Soutbox row customer u1 has status 'parked', which this version of qbosync does not know: the row was damaged or written by another program; restore the store from a backup or correct the row's status, then try again
sync: QboSync\StoreException: The store's %Soutbox row customer u1 has status 'parked', which this version of qbosync does not know: the row was damaged or written by another program; restore the store from a backup or correct the row's status, then try again
  stored: entity Not Tried, outbox parked
entity rows changed: 1
push: QboSync\StoreException: The store's %Sentity row customer u1 has state 'Frozen', which this version of qbosync does not know: the row was damaged or written by another program; restore the store from a backup or correct the row's state, then try again
entities: QboSync\StoreException: The store's %Sentity row customer u1 has state 'Frozen', which this version of qbosync does not know: the row was damaged or written by another program; restore the store from a backup or correct the row's state, then try again
status: QboSync\StoreException: The store's %Sentity row (1 of them) has state 'Frozen', which this version of qbosync does not know: the row was damaged or written by another program; restore the store from a backup or correct the row's state, then try again
  stored: entity Frozen, outbox queued
sync after the rows were corrected: no exception (1)
  stored: entity Synced, outbox none
QBO: 1
