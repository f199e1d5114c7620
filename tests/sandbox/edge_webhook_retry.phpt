--TEST--
Gateway: a failing receiver gets the same signed body again on QBO's retry schedule (10 s first, clock moved)
--CONFLICTS--
all
--FILE--
<?php
require __DIR__ . '/edge_helper.inc';
$realm = edge_realm();
$app = edge_app();
$t = edge_token($realm, $app);
$rv = edge_receiver_start(1);   // the first POST is answered 500
sbx_http('POST', '/_sandbox/webhooks', ['url' => $rv['url'], 'format' => 'cloudevents', 'app' => $app['client_id']]);
$c = edge_api($realm, $t['access_token'], 'POST', 'customer', ['DisplayName' => 'Webhook Retry ' . bin2hex(random_bytes(4))]);
$q = '/_sandbox/webhooks/deliveries?app=' . urlencode($app['client_id']);
$d = edge_wait(function () use ($q) {
    $d = sbx_http('GET', $q)['json']['deliveries'];
    return $d && $d[0]['attempts'] >= 1 ? $d[0] : null;
}, 20);
echo $d['status'], ' ', $d['attempts'], ' ', $d['last_status'], ' ', round($d['next_attempt'] - $d['log'][0]['at']), "\n";
echo count(edge_receiver_requests($rv)), " stored\n";
sbx_http('POST', '/_sandbox/clock', ['advance' => 11]);
$d = edge_wait(function () use ($q) {
    $d = sbx_http('GET', $q)['json']['deliveries'];
    return $d && $d[0]['status'] === 'delivered' ? $d[0] : null;
}, 20);
echo $d['status'], ' ', $d['attempts'], ' ', implode(',', array_column($d['log'], 'status')), "\n";
$got = edge_receiver_requests($rv);
echo count($got), ' stored, body ', $got[0]['body'] === $d['body'] ? 'same as queued' : 'differs', ', signature ',
    hash_equals(base64_encode(hash_hmac('sha256', $got[0]['body'], $app['verifier_token'], true)), $got[0]['headers']['intuit-signature']) ? 'valid' : 'INVALID', "\n";
edge_receiver_stop($rv);
sbx_http('DELETE', '/_sandbox/webhooks', ['app' => $app['client_id']]);
sbx_http('POST', '/_sandbox/clock', ['advance' => -11]);   // the clock is shared: put it back
?>
--EXPECT--
pending 1 500 10
0 stored
delivered 2 500,200
1 stored, body same as queued, signature valid
