--TEST--
Gateway: a request beyond the concurrency limit (requests in flight per realm+app) gets 429 3001
--CONFLICTS--
edge_hold_workers
--FILE--
<?php
require __DIR__ . '/edge_helper.inc';
$realm = edge_realm();
$t = edge_token($realm);
sbx_http('POST', '/_sandbox/limits', ['realm' => $realm, 'concurrent' => 1]);
// the first request is held inside the gateway, after it took its slot, until the rule is deleted
$hold = edge_fault(['realm' => $realm, 'kind' => 'hold', 'delay_ms' => 60000, 'count' => 1]);
$mh = curl_multi_init();
$ch = curl_init(sbx_base() . "/v3/company/$realm/companyinfo/$realm?minorversion=75");
curl_setopt_array($ch, [CURLOPT_RETURNTRANSFER => true, CURLOPT_TIMEOUT => 90,
    CURLOPT_HTTPHEADER => ['Authorization: Bearer ' . $t['access_token'], 'Accept: application/json']]);
curl_multi_add_handle($mh, $ch);
// send the first request completely before polling (a built-in-server worker that accepted the
// poll's connection just before running the held request would sit on it)
do {
    curl_multi_exec($mh, $running);
    curl_multi_select($mh, 0.05);
} while ($running > 0 && curl_getinfo($ch, CURLINFO_REQUEST_SIZE) === 0);
$inFlight = edge_wait(function () use ($mh, $realm) {
    curl_multi_exec($mh, $running);
    // short timeout: a poll stuck behind the held request is simply repeated on a new connection
    $l = edge_curl('GET', '/_sandbox/limits?realm=' . $realm, null, [], 2)['json'];
    return ($l['in_flight'] ?? 0) >= 1 ? $l['in_flight'] : null;
}, 50);
echo 'in flight: ', $inFlight, "\n";
$second = edge_api($realm, $t['access_token'], 'GET', 'companyinfo/' . $realm);
echo edge_gateway_line($second), "\n";
sbx_http('DELETE', '/_sandbox/faults/' . $hold['id']);   // let the first one go
do {
    curl_multi_exec($mh, $running);
    curl_multi_select($mh, 0.1);
} while ($running > 0);
echo 'first: ', curl_getinfo($ch, CURLINFO_RESPONSE_CODE) === 429 ? 'throttled' : 'answered', "\n";
echo 'in flight after: ', sbx_http('GET', '/_sandbox/limits?realm=' . $realm)['json']['in_flight'], "\n";
echo edge_api($realm, $t['access_token'], 'GET', 'companyinfo/' . $realm)['status'] === 429 ? 'still busy' : 'slot released', "\n";
?>
--EXPECT--
in flight: 1
429 3001 SERVICE | message=ThrottleExceeded; errorCode=003001; statusCode=429 | 'The request limit was reached.  Try again later'
first: answered
in flight after: 0
slot released
