--TEST--
Gateway: a malformed bearer token (too short, wrong scheme) gets 401 code 3200
--FILE--
<?php
require __DIR__ . '/edge_helper.inc';
$realm = edge_realm();
echo edge_gateway_line(edge_api($realm, 'abc', 'GET', 'companyinfo/' . $realm)), "\n";
$r = edge_curl('GET', "/v3/company/$realm/companyinfo/$realm", null, ['Authorization: Basic Zm9vOmJhcg==', 'Accept: application/json']);
echo edge_gateway_line($r), "\n";
// well-formed but unknown to the sandbox
echo edge_gateway_line(edge_api($realm, str_repeat('eyJ0', 200), 'GET', 'companyinfo/' . $realm)), "\n";
?>
--EXPECT--
401 3200 AUTHENTICATION | message=AuthenticationFailed; errorCode=003200; statusCode=401 | 'Malformed bearer token: too short or too long'
401 3200 AUTHENTICATION | message=AuthenticationFailed; errorCode=003200; statusCode=401 | 'Malformed bearer token: not a Bearer authorization'
401 3200 AUTHENTICATION | message=AuthenticationFailed; errorCode=003200; statusCode=401 | 'Token invalid'
