--TEST--
Gateway: a fault rule can target the token endpoint for one app only (client_id); other apps are not affected
--FILE--
<?php
require __DIR__ . '/edge_helper.inc';
$realm = edge_realm();
$app = edge_app();
$other = edge_app();
$t = edge_token($realm, $app);
$o = edge_token($realm, $other);
$f = edge_fault(['path' => '/oauth2/v1/tokens/bearer', 'client_id' => $app['client_id'], 'kind' => '503', 'count' => 1]);
echo $f['client_id'] === $app['client_id'] ? 'rule for the app' : 'rule for ?', "\n";
$x = edge_token_call($other, ['grant_type' => 'refresh_token', 'refresh_token' => $o['refresh_token']]);
echo 'other app: ', $x['status'], "\n";
$r = edge_token_call($app, ['grant_type' => 'refresh_token', 'refresh_token' => $t['refresh_token']]);
echo 'this app: ', $r['status'], "\n";
// the failed call did not rotate the token: it still works
$r = edge_token_call($app, ['grant_type' => 'refresh_token', 'refresh_token' => $t['refresh_token']]);
echo 'retry: ', $r['status'], ' ', $r['json']['token_type'], "\n";
?>
--EXPECT--
rule for the app
other app: 200
this app: 503
retry: 200 bearer
