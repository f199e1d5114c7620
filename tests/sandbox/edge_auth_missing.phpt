--TEST--
Gateway: a /v3 call without Authorization gets 401 code 3200 in the gateway envelope with WWW-Authenticate
--FILE--
<?php
require __DIR__ . '/edge_helper.inc';
$realm = edge_realm();
$r = edge_api($realm, null, 'GET', 'companyinfo/' . $realm);
echo edge_gateway_line($r), "\n";
echo $r['headers']['www-authenticate'], "\n";
echo $r['json']['fault']['type'], ' ', gettype($r['json']['time']), "\n";
?>
--EXPECT--
401 3200 AUTHENTICATION | message=AuthenticationFailed; errorCode=003200; statusCode=401 | 'Authorization header missing'
Bearer realm="Intuit", error="invalid_token"
AUTHENTICATION integer
