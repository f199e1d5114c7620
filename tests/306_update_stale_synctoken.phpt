--TEST--
A changed document updates the QBO record with the stored SyncToken; a stale one (5010, changed in QBO meanwhile) is re-read and retried once
--FILE--
<?php
require __DIR__ . '/engine.inc';
[$conn, $realm, $opts] = qbo_test_connect();
$c = qbo_push($conn, 'customer', eng_customer('31', 'Max', 'Ruiz', 'max@example.com'));
// someone edits the customer in QBO: the stored SyncToken "0" is now stale
$cur = qbo_test_api($realm, 'GET', 'customer/' . $c['qbo_id'])['json']['Customer'];
$u = qbo_test_api($realm, 'POST', 'customer', ['Id' => $cur['Id'], 'SyncToken' => $cur['SyncToken'], 'sparse' => true, 'Notes' => 'edited in QBO']);
echo "edited in QBO: SyncToken {$u['json']['Customer']['SyncToken']}\n";
$c2 = qbo_push($conn, 'customer', eng_customer('31', 'Max', 'Ruiz', 'max.ruiz@example.com'));
echo "push v2: {$c2['state']}, version {$c2['version']}, same record: ", var_export($c2['qbo_id'] === $c['qbo_id'], true), "\n";
$now = qbo_test_api($realm, 'GET', 'customer/' . $c['qbo_id'])['json']['Customer'];
echo "QBO: email {$now['PrimaryEmailAddr']['Address']}, SyncToken {$now['SyncToken']}, notes kept: ", var_export(($now['Notes'] ?? '') === 'edited in QBO', true), "\n";
$row = qbo_test_store_rows($opts['store'], "SELECT sync_token, synced_version FROM entity WHERE local_id = '31'")[0];
echo "store: SyncToken {$row['sync_token']}, synced version {$row['synced_version']}\n";
$stale = qbo_test_store_rows($opts['store'], "SELECT count(*) AS n FROM log WHERE local_id = '31' AND message LIKE 'Stale SyncToken%'")[0]['n'];
echo "stale retries logged: $stale\n";
echo "Max Ruiz in QBO: ", eng_qbo_count($realm, 'Customer', 'DisplayName', 'Max Ruiz'), "\n";
?>
--EXPECT--
edited in QBO: SyncToken 1
push v2: Synced, version 2, same record: true
QBO: email max.ruiz@example.com, SyncToken 2, notes kept: true
store: SyncToken 2, synced version 2
stale retries logged: 1
Max Ruiz in QBO: 1
