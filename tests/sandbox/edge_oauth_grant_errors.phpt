--TEST--
Gateway: token endpoint errors: unsupported_grant_type, invalid_request, unknown code/refresh token
--FILE--
<?php
require __DIR__ . '/edge_helper.inc';
$app = edge_app();
foreach ([
    ['grant_type' => 'password', 'username' => 'u', 'password' => 'p'],
    [],
    ['grant_type' => 'authorization_code', 'redirect_uri' => 'http://127.0.0.1/callback'],
    ['grant_type' => 'authorization_code', 'code' => 'AB11nonsense', 'redirect_uri' => 'http://127.0.0.1/callback'],
    ['grant_type' => 'refresh_token'],
    ['grant_type' => 'refresh_token', 'refresh_token' => 'AB11' . str_repeat('x', 46)],
] as $form) {
    $r = edge_token_call($app, $form);
    echo $r['status'], ' ', $r['json']['error'], ' | ', $r['json']['error_description'], "\n";
}
?>
--EXPECT--
400 unsupported_grant_type | grant_type password is not supported
400 invalid_request | grant_type is required
400 invalid_request | code is required
400 invalid_grant | Authorization code is invalid
400 invalid_request | refresh_token is required
400 invalid_grant | Token invalid
