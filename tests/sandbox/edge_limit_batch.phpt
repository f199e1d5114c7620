--TEST--
Gateway: more batch requests per minute than the realm+app limit get 429 3001; plain requests still pass
--FILE--
<?php
require __DIR__ . '/edge_helper.inc';
$realm = edge_realm();
$t = edge_token($realm);
sbx_http('POST', '/_sandbox/limits', ['realm' => $realm, 'batch_per_minute' => 2]);
$batch = ['BatchItemRequest' => [['bId' => '1', 'Query' => 'select * from Term']]];
$codes = [];
for ($i = 0; $i < 3; $i++) {
    $codes[] = edge_api($realm, $t['access_token'], 'POST', 'batch', $batch)['status'] === 429 ? '429' : 'ok';
}
echo implode(',', $codes), "\n";
echo edge_gateway_line(edge_api($realm, $t['access_token'], 'POST', 'batch', $batch)), "\n";
echo edge_api($realm, $t['access_token'], 'GET', 'companyinfo/' . $realm)['status'] === 429 ? 'plain throttled' : 'plain ok', "\n";
// another app on the same realm has its own batch budget
$app = edge_app();
$t2 = edge_token($realm, $app);
echo edge_api($realm, $t2['access_token'], 'POST', 'batch', $batch)['status'] === 429 ? 'other app throttled' : 'other app ok', "\n";
?>
--EXPECT--
ok,ok,429
429 3001 SERVICE | message=ThrottleExceeded; errorCode=003001; statusCode=429 | 'The request limit was reached.  Try again later'
plain ok
other app ok
