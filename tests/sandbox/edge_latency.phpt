--TEST--
Gateway: added latency (per realm) is applied to API calls and recorded in the request log
--CONFLICTS--
edge_hold_workers
--FILE--
<?php
require __DIR__ . '/edge_helper.inc';
$realm = edge_realm();
$t = edge_token($realm)['access_token'];
$l = sbx_http('POST', '/_sandbox/latency', ['realm' => $realm, 'fixed_ms' => 150, 'jitter_ms' => 50]);
echo $l['status'], ' ', $l['json']['fixed_ms'], ' ', $l['json']['jitter_ms'], "\n";
edge_api($realm, $t, 'GET', 'companyinfo/' . $realm);
edge_api($realm, $t, 'GET', 'companyinfo/' . $realm);
foreach (edge_log(['realm' => $realm]) as $e) {
    echo $e['latency_ms'] >= 150 && $e['latency_ms'] <= 200 ? 'latency in range' : 'latency ' . var_export($e['latency_ms'], true), "\n";
}
sbx_http('DELETE', '/_sandbox/latency', ['realm' => $realm]);
$other = edge_realm();
$t2 = edge_token($other)['access_token'];
edge_api($other, $t2, 'GET', 'companyinfo/' . $other);
echo var_export(edge_log(['realm' => $other])[0]['latency_ms'], true), "\n";
?>
--EXPECT--
200 150 50
latency in range
latency in range
NULL
