--TEST--
A history job row or a QBO change event row whose stored state/status is a name qbosync does not know (a damaged or foreign row) is a StoreException naming the table, the row, the value and what to do: for qbo_history_status and qbo_events; a new qbo_history replaces the damaged job with the next id (as it does an unreadable one); the corrected event reads again
--FILE--
<?php
require __DIR__ . '/engine.inc';
[$conn, $realm, $opts] = qbo_test_connect(['delivery' => 'worker']);
$store = $opts['store'];
qbo_push($conn, 'customer', eng_customer('h1', 'History', 'Damaged', 'h1@example.com'));
$key = qbo_test_store_rows($store, 'SELECT key FROM conn')[0]['key'];
function attempt(string $what, callable $f): void
{
    try {
        $r = $f();
        echo "$what: no exception (", json_encode($r), ")\n";
    } catch (QboSync\StoreException $e) {
        echo "$what: ", get_class($e), ": ", $e->getMessage(), "\n";
    }
}
qbo_test_store_exec($store, "INSERT INTO history_job(conn, id, state, job, started, updated) VALUES(?, 7, 'paused', '{}', 1, 1)", [$key]);
attempt('history status', fn() => qbo_history_status($conn)['state']);
attempt('new history', fn() => qbo_history($conn, ['kinds' => ['customer'],
    'source' => fn($kind, $offset, $limit) => []])['state'] ?? null);
echo "stored: ", json_encode(qbo_test_store_rows($store, 'SELECT id, state FROM history_job')), "\n";
attempt('history status after the new job', fn() => qbo_history_status($conn)['state']);

qbo_test_store_exec($store, "INSERT INTO qbo_event(conn, dedupe, realm, entity, qbo_id, operation, at, status, created)"
    . " VALUES(?, 'damaged-1', ?, 'Payment', '41', 'Create', '2026-11-30T10:00:00.000Z', 'on hold', 1)", [$key, $realm]);
$id = qbo_test_store_rows($store, "SELECT id FROM qbo_event WHERE dedupe = 'damaged-1'")[0]['id'];
attempt('events', fn() => array_column(qbo_events($conn), 'status'));
qbo_test_store_exec($store, "UPDATE qbo_event SET status = 'error' WHERE id = ?", [$id]);
attempt('events after the row was corrected', fn() => array_column(qbo_events($conn), 'status'));
?>
--EXPECTF--
history status: QboSync\StoreException: The store's %Shistory_job row 7 has state 'paused', which this version of qbosync does not know: the row was damaged or written by another program; qbo_history() starts a new job in its place (with the next id), or correct the row's state
new history: no exception ("running")
stored: [{"id":8,"state":"running"}]
history status after the new job: no exception ("running")
events: QboSync\StoreException: The store's %Sqbo_event row %d has status 'on hold', which this version of qbosync does not know: the row was damaged or written by another program; restore the store from a backup or correct the row's status, then try again
events after the row was corrected: no exception (["error"])
