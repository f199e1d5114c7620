--TEST--
Gateway: POST /_sandbox/reset also resets the gateway: apps back to the seeded one, tokens, faults, limits, latency, webhooks, log (private sandbox)
--FILE--
<?php
require __DIR__ . '/edge_helper.inc';
$tmp = tempnam(sys_get_temp_dir(), 'sbx-edge-reset-');
$db = $tmp . '.db';
$p = proc_open(['setsid', dirname(__DIR__, 2) . '/sandbox/serve', '0'], [1 => ['pipe', 'w'], 2 => ['file', '/dev/null', 'a']], $pipes,
    null, ['QBO_SANDBOX_DB' => $db] + getenv());
$base = trim(fgets($pipes[1]));
$realm = '9341453100000001';
$app = sbx_http('POST', "$base/_sandbox/apps", ['name' => 'Temp app'])['json'];
$tok = sbx_http('POST', "$base/_sandbox/tokens", ['realm' => $realm, 'client_id' => $app['client_id']])['json'];
sbx_http('POST', "$base/_sandbox/faults", ['kind' => '500', 'realm' => $realm]);
sbx_http('POST', "$base/_sandbox/limits", ['per_minute' => 7]);
sbx_http('POST', "$base/_sandbox/latency", ['fixed_ms' => 5]);
sbx_http('POST', "$base/_sandbox/webhooks", ['url' => 'http://127.0.0.1:9/hook', 'app' => $app['client_id']]);
edge_curl('GET', "$base/v3/company/$realm/companyinfo/$realm", null, ['Authorization: Bearer ' . $tok['access_token']]);
echo 'before: apps ', count(sbx_http('GET', "$base/_sandbox/apps")['json']['apps']), ', faults ',
    count(sbx_http('GET', "$base/_sandbox/faults")['json']['faults']), ', log ', count(sbx_http('GET', "$base/_sandbox/requests")['json']['requests']), "\n";
echo 'reset: ', sbx_http('POST', "$base/_sandbox/reset")['status'], "\n";
echo 'apps: ', implode(',', array_column(sbx_http('GET', "$base/_sandbox/apps")['json']['apps'], 'client_id')), "\n";
echo 'faults: ', count(sbx_http('GET', "$base/_sandbox/faults")['json']['faults']), "\n";
echo 'webhooks: ', count(sbx_http('GET', "$base/_sandbox/webhooks")['json']['webhooks']), "\n";
echo 'per_minute: ', sbx_http('GET', "$base/_sandbox/limits")['json']['per_minute'], "\n";
echo 'latency: ', sbx_http('GET', "$base/_sandbox/latency")['json']['fixed_ms'], "\n";
echo 'log: ', count(sbx_http('GET', "$base/_sandbox/requests")['json']['requests']), "\n";
$r = edge_curl('GET', "$base/v3/company/$realm/companyinfo/$realm", null, ['Authorization: Bearer ' . $tok['access_token']]);
echo 'old token: ', $r['status'], ' ', $r['json']['fault']['error'][0]['detail'], "\n";
$new = sbx_http('POST', "$base/_sandbox/tokens", ['realm' => $realm])['json'];
echo 'new token: ', edge_curl('GET', "$base/v3/company/$realm/companyinfo/$realm", null, ['Authorization: Bearer ' . $new['access_token']])['status'], "\n";
posix_kill(proc_get_status($p)['pid'], SIGTERM);
proc_close($p);
usleep(300000);   // the webhook deliverer notices the server is gone (the gateway's lock files go with the next sandbox)
foreach ([$tmp, $db, "$db-wal", "$db-shm"] as $f) {
    @unlink($f);
}
?>
--EXPECT--
before: apps 2, faults 1, log 1
reset: 200
apps: qbosync-sandbox-client
faults: 0
webhooks: 0
per_minute: 500
latency: 0
log: 0
old token: 401 Token invalid
new token: 200
