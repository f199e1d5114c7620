--TEST--
Gateway: the time scale divides the added latency with the limit windows (realm scale, else global); the request log shows the latency actually added
--CONFLICTS--
edge_hold_workers
--FILE--
<?php
require __DIR__ . '/edge_helper.inc';
$realm = edge_realm();
$t = edge_token($realm)['access_token'];
sbx_http('POST', '/_sandbox/latency', ['realm' => $realm, 'fixed_ms' => 600, 'jitter_ms' => 0]);
edge_api($realm, $t, 'GET', 'companyinfo/' . $realm);
$l = sbx_http('POST', '/_sandbox/limits', ['realm' => $realm, 'time_scale' => 60]);
echo "realm scale: ", $l['json']['time_scale'] ?? '?', "\n";
edge_api($realm, $t, 'GET', 'companyinfo/' . $realm);
sbx_http('POST', '/_sandbox/limits', ['realm' => $realm, 'time_scale' => 4]);
edge_api($realm, $t, 'GET', 'companyinfo/' . $realm);
foreach (edge_log(['realm' => $realm]) as $e) {
    echo "latency_ms ", var_export($e['latency_ms'], true), "\n";
}
sbx_http('DELETE', '/_sandbox/latency', ['realm' => $realm]);
sbx_http('POST', '/_sandbox/limits', ['realm' => $realm, 'reset' => true]);
?>
--EXPECT--
realm scale: 60
latency_ms 600
latency_ms 10
latency_ms 150
