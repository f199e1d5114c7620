--TEST--
Gateway: a change made through the API is delivered as a signed CloudEvents array to the app's webhook URL
--FILE--
<?php
require __DIR__ . '/edge_helper.inc';
$realm = edge_realm();
$verifier = 'verifier-' . bin2hex(random_bytes(6));
$app = edge_app(['verifier_token' => $verifier]);
$t = edge_token($realm, $app);
$rv = edge_receiver_start();
$w = sbx_http('POST', '/_sandbox/webhooks', ['url' => $rv['url'], 'format' => 'cloudevents', 'app' => $app['client_id']]);
echo $w['status'], ' ', $w['json']['format'], "\n";
$c = edge_api($realm, $t['access_token'], 'POST', 'customer', ['DisplayName' => 'Webhook CE ' . bin2hex(random_bytes(4))]);
echo $c['status'], "\n";
$id = $c['json']['Customer']['Id'];
$got = edge_wait(fn() => edge_receiver_requests($rv) ?: null, 20);
$req = $got[0];
$sig = $req['headers']['intuit-signature'];
echo 'signature ', hash_equals(base64_encode(hash_hmac('sha256', $req['body'], $verifier, true)), $sig) ? 'valid' : 'INVALID', "\n";
echo 'wrong key ', hash_equals(base64_encode(hash_hmac('sha256', $req['body'], 'other', true)), $sig) ? 'valid' : 'rejected', "\n";
echo $req['headers']['content-type'], "\n";
$ev = json_decode($req['body'], true);
echo array_is_list($ev) ? 'array' : 'object', ' ', count($ev), "\n";
$e = $ev[0];
echo $e['specversion'], ' ', $e['type'], ' ', $e['datacontenttype'], ' ', json_encode($e['data']), "\n";
echo $e['intuitentityid'] === $id ? 'entity id matches' : 'entity id ' . $e['intuitentityid'], ' ',
    $e['intuitaccountid'] === $realm ? 'realm matches' : 'realm ' . $e['intuitaccountid'], "\n";
echo preg_match('/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/', $e['id']) ? 'uuid id' : 'bad id', ' ',
    preg_match('/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z$/', $e['time']) ? 'utc time' : 'bad time ' . $e['time'], ' ',
    str_starts_with($e['source'], 'intuit.') ? 'intuit source' : 'bad source', "\n";
// the deliverer records the delivery once the receiver has answered: a moment after the receiver has the request
$d = edge_wait(function () use ($app) {
    $d = sbx_http('GET', '/_sandbox/webhooks/deliveries?app=' . urlencode($app['client_id']))['json']['deliveries'];
    return $d && $d[0]['status'] !== 'pending' ? $d : null;
}, 20);
echo count($d), ' ', $d[0]['status'], ' ', $d[0]['attempts'], ' ', $d[0]['last_status'], "\n";
edge_receiver_stop($rv);
sbx_http('DELETE', '/_sandbox/webhooks', ['app' => $app['client_id']]);
?>
--EXPECT--
200 cloudevents
200
signature valid
wrong key rejected
application/json; charset=utf-8
array 1
1.0 qbo.customer.created.v1 application/json []
entity id matches realm matches
uuid id utc time intuit source
1 delivered 1 200
