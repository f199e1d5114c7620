--TEST--
Gateway: more requests per minute than the realm's limit get 429 with QBO's 3001 body
--CONFLICTS--
all
--FILE--
<?php
require __DIR__ . '/edge_helper.inc';
$realm = edge_realm();
$t = edge_token($realm);
$l = sbx_http('POST', '/_sandbox/limits', ['realm' => $realm, 'per_minute' => 5]);
echo $l['json']['per_minute'], ' ', $l['json']['concurrent'], ' ', $l['json']['batch_per_minute'], "\n";
$codes = [];
for ($i = 0; $i < 6; $i++) {
    $codes[] = edge_api($realm, $t['access_token'], 'GET', 'companyinfo/' . $realm)['status'] === 429 ? '429' : 'ok';
}
echo implode(',', $codes), "\n";
$r = edge_api($realm, $t['access_token'], 'GET', 'companyinfo/' . $realm);
echo edge_gateway_line($r), "\n";
// another realm is not affected
$other = edge_realm();
$t2 = edge_token($other);
echo edge_api($other, $t2['access_token'], 'GET', 'companyinfo/' . $other)['status'] === 429 ? 'other throttled' : 'other ok', "\n";
// the window is one sandbox minute: moving the clock frees it
sbx_http('POST', '/_sandbox/clock', ['advance' => 61]);
echo edge_api($realm, $t['access_token'], 'GET', 'companyinfo/' . $realm)['status'] === 429 ? 'still throttled' : 'ok again', "\n";
sbx_http('POST', '/_sandbox/clock', ['advance' => -61]);   // the clock is shared: put it back
?>
--EXPECT--
5 10 40
ok,ok,ok,ok,ok,429
429 3001 SERVICE | message=ThrottleExceeded; errorCode=003001; statusCode=429 | 'The request limit was reached.  Try again later'
other ok
ok again
