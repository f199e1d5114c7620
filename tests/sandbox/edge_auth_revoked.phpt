--TEST--
Gateway: after revoking the refresh token the access token of that realm+app gets 401 3200 "Token revoked"
--FILE--
<?php
require __DIR__ . '/edge_helper.inc';
$realm = edge_realm();
$app = edge_app();
$t = edge_token($realm, $app);
$ok = edge_api($realm, $t['access_token'], 'GET', 'companyinfo/' . $realm);
echo $ok['status'] === 401 ? 'rejected early' : 'accepted', "\n";
$rv = sbx_http('POST', '/v2/oauth2/tokens/revoke', ['token' => $t['refresh_token']],
    ['Authorization' => edge_basic($app), 'Accept' => 'application/json']);
echo $rv['status'], ' [', $rv['raw'], "]\n";
echo edge_gateway_line(edge_api($realm, $t['access_token'], 'GET', 'companyinfo/' . $realm)), "\n";
?>
--EXPECT--
accepted
200 []
401 3200 AUTHENTICATION | message=AuthenticationFailed; errorCode=003200; statusCode=401 | 'Token revoked'
