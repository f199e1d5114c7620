--TEST--
qbo_status and qbo_entities: shapes, counts by state, queue length, last sync, filters
--FILE--
<?php
require __DIR__ . '/engine.inc';
[$conn, $realm, $opts] = qbo_test_connect(['delivery' => 'worker']);
$s = qbo_status($conn);
echo implode(',', array_keys($s)), "\n";
echo "status {$s['status']}, realm ok: ", var_export($s['realm'] === $realm, true), ", last_sync ", var_export($s['last_sync'], true), "\n";
echo "states: ", implode(',', array_keys($s['counts'])), "\n";
qbo_push($conn, 'customer', eng_customer('1', 'Sam', 'Hill', 'sam@example.com'));
qbo_push($conn, 'invoice', eng_invoice('10', '1', '15.00', 'S-10'));
qbo_push($conn, 'invoice', eng_invoice('11', '1', '0.00', 'S-11', ['status' => 'draft']));
$s = qbo_status($conn);
echo "before sync: Not Tried {$s['counts']['Not Tried']}, Skipped {$s['counts']['Skipped']}, queued {$s['queued']}\n";
$r = qbo_sync($conn);
echo "sync: ", json_encode($r), "\n";
$s = qbo_status($conn);
echo "after sync: Synced {$s['counts']['Synced']}, queued {$s['queued']}, last_sync is ISO: ",
    var_export((bool)preg_match('/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/', (string)$s['last_sync']), true), "\n";
$all = qbo_entities($conn);
echo "entities: ", count($all), "; keys: ", implode(',', array_keys($all[0])), "\n";
foreach ($all as $e) {
    echo "{$e['kind']} {$e['id']}: {$e['state']} v{$e['version']} attempts {$e['attempts']}", $e['qbo_id'] ? ' qbo' : '', $e['reason'] ? " - {$e['reason']}" : '', "\n";
}
echo "filter kind=invoice: ", count(qbo_entities($conn, ['kind' => 'invoice'])), "\n";
echo "filter state=Skipped: ", qbo_entities($conn, ['state' => 'Skipped'])[0]['id'], "\n";
echo "filter id=10: ", qbo_entities($conn, ['id' => '10'])[0]['kind'], "\n";
echo "QBO invoices S-11 (draft): ", eng_qbo_count($realm, 'Invoice', 'DocNumber', 'S-11'), "\n";
?>
--EXPECT--
status,reason,message,realm,counts,queued,hook_events,last_sync,worker
status Active, realm ok: true, last_sync NULL
states: Not Tried,Waiting,Synced,Mismatch,Error,Skipped,Dismissed,Deleted
before sync: Not Tried 2, Skipped 1, queued 2
sync: {"delivered":2,"errors":0,"waiting":0,"mismatches":0,"remaining":0}
after sync: Synced 2, queued 0, last_sync is ISO: true
entities: 3; keys: kind,id,state,reason,qbo_id,version,synced_version,attempts,last_attempt,queued,next_try,updated
customer 1: Synced v1 attempts 1 qbo
invoice 10: Synced v1 attempts 1 qbo
invoice 11: Skipped v1 attempts 0 - A draft invoice is not sent to QuickBooks until it is issued
filter kind=invoice: 2
filter state=Skipped: 11
filter id=10: invoice
QBO invoices S-11 (draft): 0
