--TEST--
Gateway: userinfo answers for a token with the openid scope, 403 without it, 401 for a bad token
--FILE--
<?php
require __DIR__ . '/edge_helper.inc';
$realm = edge_realm();
$app = edge_app();
$with = edge_token($realm, $app, ['scope' => 'com.intuit.quickbooks.accounting openid email']);
$without = edge_token($realm, $app);
$r = sbx_http('GET', '/v1/openid_connect/userinfo', null, ['Authorization' => 'Bearer ' . $with['access_token'], 'Accept' => 'application/json']);
echo $r['status'], ' ', isset($r['json']['sub'], $r['json']['email']) ? 'sub+email' : $r['raw'], "\n";
$r = sbx_http('GET', '/v1/openid_connect/userinfo', null, ['Authorization' => 'Bearer ' . $without['access_token']]);
echo $r['status'], ' ', $r['json']['error'], "\n";
$r = sbx_http('GET', '/v1/openid_connect/userinfo', null, ['Authorization' => 'Bearer nope']);
echo $r['status'], ' ', $r['json']['error'], "\n";
?>
--EXPECT--
200 sub+email
403 insufficient_scope
401 invalid_token
