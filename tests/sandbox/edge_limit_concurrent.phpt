--TEST--
EDGE: more requests in flight than the concurrency limit get 429 3001
--FILE--
<?php
require __DIR__ . '/edge_helper.inc';
$realm = edge_realm();
$t = edge_token($realm);
sbx_http('POST', '/_sandbox/limits', ['realm' => $realm, 'concurrent' => 2]);
// every request of this realm is held 1.5 s inside the gateway, so three at once overlap
edge_fault(['realm' => $realm, 'kind' => 'slow', 'delay_ms' => 1500, 'rate' => 1.0]);
$mh = curl_multi_init();
$hs = [];
for ($i = 0; $i < 3; $i++) {
    $ch = curl_init(sbx_base() . "/v3/company/$realm/companyinfo/$realm?minorversion=75");
    curl_setopt_array($ch, [CURLOPT_RETURNTRANSFER => true, CURLOPT_TIMEOUT => 30,
        CURLOPT_HTTPHEADER => ['Authorization: Bearer ' . $t['access_token'], 'Accept: application/json']]);
    curl_multi_add_handle($mh, $ch);
    $hs[] = $ch;
}
do {
    curl_multi_exec($mh, $running);
    curl_multi_select($mh, 0.1);
} while ($running > 0);
$codes = [];
$body429 = null;
foreach ($hs as $ch) {
    $s = curl_getinfo($ch, CURLINFO_RESPONSE_CODE);
    $codes[] = $s === 429 ? '429' : 'ok';
    if ($s === 429) {
        $body429 = json_decode(curl_multi_getcontent($ch), true);
    }
}
sort($codes);
echo implode(',', $codes), "\n";
echo $body429['fault']['error'][0]['code'], ' ', $body429['fault']['error'][0]['message'], "\n";
sbx_http('DELETE', '/_sandbox/faults', ['realm' => $realm]);
// slots are released afterwards
echo edge_api($realm, $t['access_token'], 'GET', 'companyinfo/' . $realm)['status'] === 429 ? 'still busy' : 'released', "\n";
?>
--EXPECT--
429,ok,ok
3001 message=ThrottleExceeded; errorCode=003001; statusCode=429
released
