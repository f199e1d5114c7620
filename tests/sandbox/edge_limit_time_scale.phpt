--TEST--
Gateway: a realm's time_scale shortens its throttle minute (scale 20: three seconds), so "N per minute" frees up sooner
--FILE--
<?php
require __DIR__ . '/edge_helper.inc';
$realm = edge_realm();
$t = edge_token($realm)['access_token'];
$l = sbx_http('POST', '/_sandbox/limits', ['realm' => $realm, 'per_minute' => 3, 'time_scale' => 20]);
echo $l['json']['per_minute'], ' ', $l['json']['time_scale'], "\n";
$s = [];
for ($i = 0; $i < 4; $i++) {
    $s[] = edge_api($realm, $t, 'GET', 'companyinfo/' . $realm)['status'] === 429 ? '429' : 'ok';
}
echo implode(',', $s), "\n";
usleep(3300000);
echo edge_api($realm, $t, 'GET', 'companyinfo/' . $realm)['status'] === 429 ? 'still throttled' : 'free after a scaled minute', "\n";
$g = sbx_http('GET', '/_sandbox/limits')['json'];
echo 'global scale ', $g['time_scale'], "\n";
?>
--EXPECT--
3 20
ok,ok,ok,429
free after a scaled minute
global scale 1
