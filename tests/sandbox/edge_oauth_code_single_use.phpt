--TEST--
Gateway: an authorization code works once; the second exchange is invalid_grant and revokes what the first produced
--FILE--
<?php
require __DIR__ . '/edge_helper.inc';
$realm = edge_realm();
$app = edge_app();
$q = edge_code($app, $realm, 'http://127.0.0.1:9/cb');
$form = ['grant_type' => 'authorization_code', 'code' => $q['code'], 'redirect_uri' => 'http://127.0.0.1:9/cb'];
$first = edge_token_call($app, $form);
echo $first['status'], "\n";
$second = edge_token_call($app, $form);
echo $second['status'], ' ', $second['json']['error'], ' | ', $second['json']['error_description'], "\n";
echo edge_gateway_line(edge_api($realm, $first['json']['access_token'], 'GET', 'companyinfo/' . $realm)), "\n";
?>
--EXPECT--
200
400 invalid_grant | Authorization code has already been used
401 3200 AUTHENTICATION | message=AuthenticationFailed; errorCode=003200; statusCode=401 | 'Token revoked'
