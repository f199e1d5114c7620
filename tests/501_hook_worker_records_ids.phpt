--TEST--
qbo_hook in worker mode records only the event and the ids it names (no fetch, no QBO call, no $vars such as ClientAdd's password); qbo_sync reads through the fetch and delivers
--FILE--
<?php
require __DIR__ . '/hook.inc';
$fetch = new HookFetch(['GetClientsDetails' => fn($p) => hook_client((int)$p['clientid'])]);
[$conn, $realm, $opts] = qbo_test_connect(['fetch' => $fetch, 'delivery' => 'worker']);
$s = qbo_hook($conn, 'ClientAdd', ['client_id' => 31, 'user_id' => 9, 'userid' => 31, 'firstname' => 'Ann', 'password' => 'hunter2-secret',
    'customFields' => ['x' => 1], 'date' => new DateTime('2026-11-20')]);
echo "returned: {$s['event']} {$s['kind']} {$s['id']} {$s['state']}\n";
echo "fetch calls during the hook: ", count($fetch->calls), "\n";
$rows = qbo_test_store_rows($opts['store'], 'SELECT event, ids, status FROM hook_event');
echo "recorded: {$rows[0]['event']} {$rows[0]['ids']} {$rows[0]['status']}\n";
echo "password in the store: ", var_export(str_contains(qbo_test_store_raw($opts['store']), 'hunter2'), true), "\n";
$r = qbo_sync($conn);
echo "sync: delivered {$r['delivered']}, fetched: ", implode(' ', $fetch->calls), "\n";
echo "hook events left: ", qbo_test_store_rows($opts['store'], 'SELECT count(*) n FROM hook_event')[0]['n'], "\n";
$e = qbo_entities($conn, ['kind' => 'customer', 'id' => '31']);
echo "customer 31: {$e[0]['state']}, in QBO: ", eng_qbo_count($realm, 'Customer', 'PrimaryEmailAddr.Address', 'client31@example.com'), "\n";
?>
--EXPECT--
returned: ClientAdd customer 31 Queued
fetch calls during the hook: 0
recorded: ClientAdd {"clientid":"31"} pending
password in the store: false
sync: delivered 1, fetched: GetClientsDetails(clientid=31)
hook events left: 0
customer 31: Synced, in QBO: 1
