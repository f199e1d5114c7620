--TEST--
invalid_client during a refresh means the app's credentials are wrong, not that the company disconnected: status Error with reason app_credentials_refused, on_disconnect not called, tokens kept, the record queued; with the right secret it is Active and delivered
--INI--
pcre.jit=0
--FILE--
<?php
require __DIR__ . '/transport.inc';

[$conn, $realm, $opts] = qbo_test_connect(['delivery' => 'worker']);
unset($conn);
$told = 0;
$wrong = qbo_connect(['client_secret' => 'not-the-secret', 'on_disconnect' => function () use (&$told) { $told++; }] + $opts);
qbo_test_store_exec($opts['store'], 'UPDATE conn SET access_expires = 0');
qbo_push($wrong, 'customer', tr_customer('1', 'ic'));
try {
    qbo_sync($wrong);
    echo "sync returned\n";
} catch (QboSync\AuthException $e) {
    echo "sync: AuthException: ", str_contains($e->getMessage(), 'invalid_client') && str_contains($e->getMessage(), 'client_secret') ? 'names invalid_client and client_secret' : $e->getMessage(), "\n";
}
$s = qbo_status($wrong);
echo "status: {$s['status']}, reason: {$s['reason']}, queued: {$s['queued']}, told: $told\n";
echo "refresh token kept: ", var_export(tr_open_token($opts['store'], 'refresh') !== false, true), "\n";
unset($wrong);
$right = qbo_connect($opts);
$r = qbo_sync($right);
$s = qbo_status($right);
echo "right secret: {$s['status']}, delivered {$r['delivered']}, ", count(tr_qbo_customers($realm, 'Transport Test ic 1')), " in QBO\n";
?>
--EXPECT--
sync: AuthException: names invalid_client and client_secret
status: Error, reason: app_credentials_refused, queued: 1, told: 0
refresh token kept: true
right secret: Active, delivered 1, 1 in QBO
