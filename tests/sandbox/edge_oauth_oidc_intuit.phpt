--TEST--
Gateway: OpenID Connect as Intuit's: id_token iss and the discovery issuer are Intuit's issuer string while jwks_uri stays local; userinfo returns only the claims of the granted scopes; sub is the user's, the same for every company
--FILE--
<?php
require __DIR__ . '/edge_helper.inc';
$app = edge_app();
$disc = sbx_http('GET', '/.well-known/openid_sandbox_configuration')['json'];
echo $disc['issuer'], ' ', str_starts_with($disc['jwks_uri'], sbx_base()) ? 'local jwks' : 'remote jwks', ' ',
    sbx_http('GET', $disc['jwks_uri'])['status'], "\n";
$d = fn(string $x) => base64_decode(strtr($x, '-_', '+/') . str_repeat('=', (4 - strlen($x) % 4) % 4));
$subs = [];
foreach ([edge_realm(), edge_realm()] as $realm) {
    $q = http_build_query(['client_id' => $app['client_id'], 'scope' => 'com.intuit.quickbooks.accounting openid',
        'redirect_uri' => 'http://127.0.0.1:9/cb', 'response_type' => 'code', 'state' => 's', 'sandbox_auto' => 'approve', 'realm' => $realm]);
    $code = edge_location_query(sbx_http('GET', '/connect/oauth2?' . $q))['code'];
    $t = edge_token_call($app, ['grant_type' => 'authorization_code', 'code' => $code, 'redirect_uri' => 'http://127.0.0.1:9/cb']);
    $claims = json_decode($d(explode('.', $t['json']['id_token'])[1]), true);
    echo $claims['iss'] === $disc['issuer'] ? 'iss = issuer' : 'iss differs', ' ', $claims['realmid'] === $realm ? 'realmid ok' : 'realmid wrong', "\n";
    $subs[] = $claims['sub'];
    $u = sbx_http('GET', '/v1/openid_connect/userinfo', null, ['Authorization' => 'Bearer ' . $t['json']['access_token'], 'Accept' => 'application/json']);
    echo 'openid only: ', implode(',', array_keys($u['json'])), "\n";
    $subs[] = $u['json']['sub'];
}
echo count(array_unique($subs)) === 1 ? 'one sub for the user' : 'subs differ', ' ',
    preg_match('/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/', $subs[0]) ? 'uuid' : 'not uuid', "\n";
$realm = edge_realm();
foreach (['openid email', 'openid profile', 'openid phone address', 'openid email profile phone address'] as $sc) {
    $t = edge_token($realm, $app, ['scope' => 'com.intuit.quickbooks.accounting ' . $sc]);
    $u = sbx_http('GET', '/v1/openid_connect/userinfo', null, ['Authorization' => 'Bearer ' . $t['access_token']]);
    echo $sc, ': ', implode(',', array_keys($u['json'])), ' ', $u['json']['sub'] === $subs[0] ? 'same sub' : 'other sub', "\n";
}
?>
--EXPECT--
https://oauth.platform.intuit.com/op/v1 local jwks 200
iss = issuer realmid ok
openid only: sub
iss = issuer realmid ok
openid only: sub
one sub for the user uuid
openid email: sub,email,emailVerified same sub
openid profile: sub,givenName,familyName same sub
openid phone address: sub,phoneNumber,phoneNumberVerified,address same sub
openid email profile phone address: sub,email,emailVerified,givenName,familyName,phoneNumber,phoneNumberVerified,address same sub
