--TEST--
An access token about to expire is refreshed before the call; (strict rotation) the rotated refresh token is saved sealed and the old one is dead
--FILE--
<?php
require __DIR__ . '/engine.inc';
[$conn, $realm, $opts] = qbo_test_connect();
qbo_test_rotation($realm, 'every');   // the stricter rotation: a new refresh token on every refresh
$before = eng_conn_row($opts['store']);
$oldRefresh = eng_unseal($opts['store'], 'refresh');
$oldAccess = eng_unseal($opts['store'], 'access');
eng_expire_access($opts['store']);
$refreshes = eng_refresh_count($realm);
$st = qbo_push($conn, 'customer', eng_customer('5', 'Ivy', 'Cho', 'ivy@example.com'));
echo "push: {$st['state']}\n";
echo "refresh calls: ", eng_refresh_count($realm) - $refreshes, "\n";
$after = eng_conn_row($opts['store']);
echo "token version +", $after['token_version'] - $before['token_version'], ", expires in the future: ",
    var_export($after['access_expires'] > time() + 3000, true), "\n";
$newRefresh = eng_unseal($opts['store'], 'refresh');
echo "refresh token rotated: ", var_export($newRefresh !== $oldRefresh, true), ", access changed: ",
    var_export(eng_unseal($opts['store'], 'access') !== $oldAccess, true), "\n";
echo "clear text in the store: ", var_export(str_contains(qbo_test_store_raw($opts['store']), $newRefresh), true), "\n";
// the old refresh token no longer works at the OAuth server
$r = qbo_test_http('POST', '/oauth2/v1/tokens/bearer', http_build_query(['grant_type' => 'refresh_token', 'refresh_token' => $oldRefresh]),
    ['Authorization: Basic ' . base64_encode(QBO_TEST_CLIENT_ID . ':' . QBO_TEST_CLIENT_SECRET), 'Content-Type: application/x-www-form-urlencoded', 'Accept: application/json']);
echo "old refresh token: HTTP {$r['status']} {$r['json']['error']}\n";
// a second push within the token's life does not refresh again
qbo_push($conn, 'customer', eng_customer('6', 'Ed', 'Poe', 'ed@example.com'));
echo "refresh calls now: ", eng_refresh_count($realm) - $refreshes, "\n";
?>
--EXPECT--
push: Synced
refresh calls: 1
token version +1, expires in the future: true
refresh token rotated: true, access changed: true
clear text in the store: false
old refresh token: HTTP 400 invalid_grant
refresh calls now: 1
