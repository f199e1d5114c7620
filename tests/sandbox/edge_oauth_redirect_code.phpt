--TEST--
Gateway: Connect on the consent form redirects with code, state and realmId; the code buys tokens that work on that realm
--FILE--
<?php
require __DIR__ . '/edge_helper.inc';
$realm = edge_realm();
$app = edge_app();
$redirect = 'http://127.0.0.1:8765/oauth/callback';
$form = ['client_id' => $app['client_id'], 'scope' => 'com.intuit.quickbooks.accounting', 'redirect_uri' => $redirect,
    'response_type' => 'code', 'state' => 'xyz789', 'realm' => $realm, 'action' => 'connect'];
$r = sbx_http('POST', '/connect/oauth2', http_build_query($form), ['Content-Type' => 'application/x-www-form-urlencoded']);
echo $r['status'], ' ', strtok($r['headers']['location'], '?'), "\n";
$q = edge_location_query($r);
echo implode(',', array_keys($q)), "\n";
echo $q['state'], ' ', $q['realmId'] === $realm ? 'realm ok' : 'realm wrong', ' ', strlen($q['code']) > 20 ? 'code ok' : 'code short', "\n";
$t = edge_token_call($app, ['grant_type' => 'authorization_code', 'code' => $q['code'], 'redirect_uri' => $redirect]);
echo $t['status'], ' ', $t['headers']['content-type'], ' ', $t['headers']['cache-control'], "\n";
$j = $t['json'];
echo implode(',', array_keys($j)), "\n";
echo $j['token_type'], ' ', $j['expires_in'], ' ', $j['x_refresh_token_expires_in'], "\n";
echo strlen($j['access_token']) >= 800 ? 'long access token' : 'short access token', ' ',
    preg_match('/^AB11[A-Za-z0-9]{46}$/', $j['refresh_token']) ? 'AB11 refresh token' : 'odd refresh token', "\n";
$api = edge_api($realm, $j['access_token'], 'GET', 'companyinfo/' . $realm);
echo in_array($api['status'], [401, 403, 429], true) ? 'api refused' : 'api accepted', "\n";
?>
--EXPECT--
302 http://127.0.0.1:8765/oauth/callback
code,state,realmId
xyz789 realm ok code ok
200 application/json;charset=UTF-8 no-store
token_type,access_token,expires_in,refresh_token,x_refresh_token_expires_in
bearer 3600 8640000
long access token AB11 refresh token
api accepted
