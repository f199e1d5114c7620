--TEST--
An access token refused with 401 is refreshed once and the call retried; the record is Synced and QBO holds one
--FILE--
<?php
require __DIR__ . '/engine.inc';
[$conn, $realm, $opts] = qbo_test_connect();
$v0 = eng_conn_row($opts['store'])['token_version'];
$refreshes = eng_refresh_count($realm);
qbo_test_fault(['kind' => '401', 'path' => "/v3/company/$realm/*", 'realm' => $realm, 'count' => 1]);
$st = qbo_push($conn, 'customer', eng_customer('8', 'Lu', 'Park', 'lu@example.com'));
echo "push: {$st['state']}\n";
echo "refresh calls: ", eng_refresh_count($realm) - $refreshes, ", token version +", eng_conn_row($opts['store'])['token_version'] - $v0, "\n";
$codes = array_map(fn($r) => $r['status'], eng_requests($realm, "/v3/company/$realm/*"));
echo "API answers: ", implode(',', array_unique($codes)), "\n";
echo "Lu Park in QBO: ", eng_qbo_count($realm, 'Customer', 'DisplayName', 'Lu Park'), "\n";
$s = qbo_status($conn);
echo "status: {$s['status']}\n";
?>
--EXPECT--
push: Synced
refresh calls: 1, token version +1
API answers: 401,200
Lu Park in QBO: 1
status: Active
