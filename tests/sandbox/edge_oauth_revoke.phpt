--TEST--
Gateway: revoke (JSON body, Basic auth) answers 200 empty and kills every token of that realm+app only
--FILE--
<?php
require __DIR__ . '/edge_helper.inc';
$realm = edge_realm();
$app = edge_app();
$a = edge_token($realm, $app);
$b = edge_token($realm, $app);
$otherApp = edge_app();
$c = edge_token($realm, $otherApp);
$r = edge_curl('POST', '/v2/oauth2/tokens/revoke', json_encode(['token' => $a['refresh_token']]),
    ['Authorization: ' . edge_basic($app), 'Content-Type: application/json', 'Accept: application/json']);
echo $r['status'], ' [', $r['raw'], "]\n";
foreach (['a' => $a, 'b' => $b] as $n => $t) {
    $x = edge_token_call($app, ['grant_type' => 'refresh_token', 'refresh_token' => $t['refresh_token']]);
    echo "refresh $n: ", $x['status'], ' ', $x['json']['error'], "\n";
    echo "access $n: ", edge_api($realm, $t['access_token'], 'GET', 'companyinfo/' . $realm)['json']['fault']['error'][0]['detail'], "\n";
}
$y = edge_api($realm, $c['access_token'], 'GET', 'companyinfo/' . $realm);
echo 'other app: ', in_array($y['status'], [401, 403], true) ? 'refused' : 'still works', "\n";
$bad = edge_curl('POST', '/v2/oauth2/tokens/revoke', json_encode(['token' => $c['refresh_token']]),
    ['Authorization: Basic ' . base64_encode('x:y'), 'Content-Type: application/json']);
echo $bad['status'], ' ', $bad['json']['error'], "\n";
?>
--EXPECT--
200 []
refresh a: 400 invalid_grant
access a: Token revoked
refresh b: 400 invalid_grant
access b: Token revoked
other app: still works
401 invalid_client
