--TEST--
Gateway: legacy format delivers eventNotifications per realm with name/id/operation/lastUpdated, signed
--FILE--
<?php
require __DIR__ . '/edge_helper.inc';
$realm = edge_realm();
$app = edge_app();
$t = edge_token($realm, $app);
$rv = edge_receiver_start();
sbx_http('POST', '/_sandbox/webhooks', ['url' => $rv['url'], 'format' => 'legacy', 'app' => $app['client_id']]);
$c = edge_api($realm, $t['access_token'], 'POST', 'customer', ['DisplayName' => 'Webhook Legacy ' . bin2hex(random_bytes(4))]);
$id = $c['json']['Customer']['Id'];
$got = edge_wait(fn() => edge_receiver_requests($rv) ?: null, 20);
$req = $got[0];
echo 'signature ', hash_equals(base64_encode(hash_hmac('sha256', $req['body'], $app['verifier_token'], true)),
    $req['headers']['intuit-signature']) ? 'valid' : 'INVALID', "\n";
$j = json_decode($req['body'], true);
echo implode(',', array_keys($j)), ' ', count($j['eventNotifications']), "\n";
$n = $j['eventNotifications'][0];
echo $n['realmId'] === $realm ? 'realm matches' : 'realm ' . $n['realmId'], "\n";
$e = $n['dataChangeEvent']['entities'][0];
echo $e['name'], ' ', $e['id'] === $id ? 'id matches' : 'id ' . $e['id'], ' ', $e['operation'], ' ',
    preg_match('/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/', $e['lastUpdated']) ? 'utc ms time' : 'bad time ' . $e['lastUpdated'], "\n";
edge_receiver_stop($rv);
sbx_http('DELETE', '/_sandbox/webhooks', ['app' => $app['client_id']]);
?>
--EXPECT--
signature valid
eventNotifications 1
realm matches
Customer id matches Create utc ms time
