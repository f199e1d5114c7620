--TEST--
Gateway: webhooks go only to apps connected to the realm; changes in other realms are not sent
--FILE--
<?php
require __DIR__ . '/edge_helper.inc';
$mine = edge_realm();
$other = edge_realm();
$app = edge_app();
$t = edge_token($mine, $app);
$t2 = edge_token($other);   // the default app, not ours
$rv = edge_receiver_start();
sbx_http('POST', '/_sandbox/webhooks', ['url' => $rv['url'], 'format' => 'legacy', 'app' => $app['client_id']]);
$a = edge_api($other, $t2['access_token'], 'POST', 'customer', ['DisplayName' => 'Not Mine ' . bin2hex(random_bytes(4))]);
$b = edge_api($mine, $t['access_token'], 'POST', 'customer', ['DisplayName' => 'Mine ' . bin2hex(random_bytes(4))]);
echo $a['status'], ' ', $b['status'], "\n";
$got = edge_wait(fn() => edge_receiver_requests($rv) ?: null, 20);
usleep(500000);
$realms = [];
foreach (edge_receiver_requests($rv) as $r) {
    foreach (json_decode($r['body'], true)['eventNotifications'] as $n) {
        $realms[] = $n['realmId'] === $mine ? 'mine' : ($n['realmId'] === $other ? 'other' : $n['realmId']);
    }
}
echo implode(',', $realms), "\n";
edge_receiver_stop($rv);
sbx_http('DELETE', '/_sandbox/webhooks', ['app' => $app['client_id']]);
?>
--EXPECT--
200 200
mine
