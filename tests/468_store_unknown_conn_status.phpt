--TEST--
A connection row whose stored status is a name qbosync does not know (a damaged or foreign row) is a StoreException naming the table, the company, the value and what to do: for qbo_status and for qbo_sync (which sends nothing: the record it claimed stays queued with the message as its reason, to be retried); nothing is overwritten, and once the row is corrected the record resent is delivered
--FILE--
<?php
require __DIR__ . '/engine.inc';
[$conn, $realm, $opts] = qbo_test_connect(['delivery' => 'worker']);
$store = $opts['store'];
qbo_push($conn, 'customer', eng_customer('k1', 'Conn', 'Damaged', 'k1@example.com'));
function attempt(string $what, callable $f): void
{
    try {
        $r = $f();
        echo "$what: no exception (", json_encode($r), ")\n";
    } catch (QboSync\StoreException $e) {
        echo "$what: ", get_class($e), ": ", str_replace($GLOBALS['realm'], 'REALM', $e->getMessage()), "\n";
    }
}
echo "conn rows changed: ", qbo_test_store_exec($store, "UPDATE conn SET status = 'Paused'"), "\n";
attempt('status', fn() => qbo_status($conn)['status']);
attempt('sync', fn() => qbo_sync($conn)['delivered']);
echo "stored: ", qbo_test_store_rows($store, 'SELECT status FROM conn')[0]['status'], "\n";
$row = qbo_test_store_rows($store, "SELECT e.state, e.reason, o.status FROM entity e JOIN outbox o"
    . " ON o.conn = e.conn AND o.kind = e.kind AND o.local_id = e.local_id WHERE e.local_id = 'k1'")[0];
echo "record: {$row['state']}, outbox {$row['status']}, ", str_replace($realm, 'REALM', $row['reason']), "\n";
echo "QBO: ", eng_qbo_count($realm, 'Customer', 'DisplayName', 'Conn Damaged'), "\n";
qbo_test_store_exec($store, "UPDATE conn SET status = 'Active'");
attempt('status after the row was corrected', fn() => qbo_status($conn)['status']);
attempt('resend after the row was corrected', fn() => qbo_resend($conn, 'customer', 'k1')['state']);
attempt('sync', fn() => qbo_sync($conn)['delivered']);
echo "QBO: ", eng_qbo_count($realm, 'Customer', 'DisplayName', 'Conn Damaged'), "\n";
?>
--EXPECTF--
conn rows changed: 1
status: QboSync\StoreException: The store's %Sconn row of company REALM has status 'Paused', which this version of qbosync does not know: the row was damaged or written by another program; correct the row's status (Not Connected, Active, Disconnected or Error), or connect again with qbo_oauth_url()
sync: QboSync\StoreException: The store's %Sconn row of company REALM has status 'Paused', which this version of qbosync does not know: the row was damaged or written by another program; correct the row's status (Not Connected, Active, Disconnected or Error), or connect again with qbo_oauth_url()
stored: Paused
record: Not Tried, outbox queued, Queued, will retry: The store's %Sconn row of company REALM has status 'Paused', which this version of qbosync does not know: the row was damaged or written by another program; correct the row's status (Not Connected, Active, Disconnected or Error), or connect again with qbo_oauth_url()
QBO: 0
status after the row was corrected: no exception ("Active")
resend after the row was corrected: no exception ("Not Tried")
sync: no exception (1)
QBO: 1
