--TEST--
A process SIGKILLed while it holds the refresh lock (its token request in flight): the next process takes the lock over at once (the holder is dead), refreshes and its inline push is Synced, not queued behind a 20-30 s wait; the killed process's record is delivered by the next sync; nothing is lost or doubled
--INI--
pcre.jit=0
--FILE--
<?php
require __DIR__ . '/engine.inc';
require_once __DIR__ . '/transport.inc';

$app = qbo_test_http('POST', '/_sandbox/apps', ['name' => 'killed refresher'])['json'];
[$conn, $realm, $opts] = qbo_test_connect(['delivery' => 'inline', 'inline_timeout' => 3,
    'client_id' => $app['client_id'], 'client_secret' => $app['client_secret']]);
unset($conn);
eng_expire_access($opts['store']);
$hold = qbo_test_fault(['kind' => 'hold', 'delay_ms' => 60000, 'path' => '/oauth2/v1/tokens/bearer',
    'client_id' => $app['client_id'], 'count' => 1]);
$child = eng_child_start(['opts' => $opts, 'mode' => 'push', 'docs' => [['customer', eng_customer('k1', 'Killed', 'Refresher', 'k1@example.com')]]]);
// wait until the child's refresh is held at the token endpoint (its start-up may be slow, under valgrind)
qbo_test_fault_hit($hold, 120, 0.025);
for ($i = 0; $i < 400 && (string)eng_conn_row($opts['store'])['refresh_owner'] === ''; $i++) {
    usleep(25000);
}
$row = eng_conn_row($opts['store']);
echo "lock held by the child: ", var_export((string)$row['refresh_owner'] !== '', true), ", refresh noted as sent: ", var_export($row['refresh_sent'] > 0, true), "\n";
echo "lock outlives the request: ", var_export($row['refresh_until'] - time() > 3, true), "\n";
proc_terminate($child[0], 9);
eng_child_wait($child);
qbo_test_http('DELETE', '/_sandbox/faults/' . $hold['id']);

$conn = qbo_connect($opts);
$st = qbo_push($conn, 'customer', eng_customer('k2', 'Next', 'Process', 'k2@example.com'));
echo "next process inline push: {$st['state']}, queued ", var_export($st['queued'], true), "\n";
$r = qbo_sync($conn);
foreach (qbo_entities($conn) as $e) {
    echo "customer {$e['id']}: {$e['state']}\n";
}
echo "in QBO: ", eng_qbo_count($realm, 'Customer', 'DisplayName', 'Killed Refresher'), " ", eng_qbo_count($realm, 'Customer', 'DisplayName', 'Next Process'), "\n";
echo "status: ", qbo_status($conn)['status'], "\n";
echo "taken over: ", count(qbo_test_store_rows($opts['store'], "SELECT 1 FROM log WHERE message LIKE 'Taking over the token refresh left by%'")), "\n";
?>
--EXPECT--
lock held by the child: true, refresh noted as sent: true
lock outlives the request: true
next process inline push: Synced, queued false
customer k1: Synced
customer k2: Synced
in QBO: 1 1
status: Active
taken over: 1
