--TEST--
Gateway: the optional per-second limit (per realm+app) answers 429 3001 beyond N requests in one second
--FILE--
<?php
require __DIR__ . '/edge_helper.inc';
$realm = edge_realm();
$t = edge_token($realm)['access_token'];
$l = sbx_http('POST', '/_sandbox/limits', ['realm' => $realm, 'per_second' => 3, 'time_scale' => 0.05]);   // a "second" lasts 20 s
echo $l['json']['per_second'], "\n";
$s = [];
for ($i = 0; $i < 4; $i++) {
    $s[] = edge_api($realm, $t, 'GET', 'companyinfo/' . $realm)['status'] === 429 ? '429' : 'ok';
}
echo implode(',', $s), "\n";
echo edge_log(['realm' => $realm])[3]['fault'], "\n";
// another app has its own per-second budget
$t2 = edge_token($realm, edge_app())['access_token'];
echo edge_api($realm, $t2, 'GET', 'companyinfo/' . $realm)['status'] === 429 ? 'other app throttled' : 'other app ok', "\n";
?>
--EXPECT--
3
ok,ok,ok,429
throttle:per_second
other app ok
