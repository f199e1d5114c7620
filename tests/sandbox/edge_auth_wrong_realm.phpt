--TEST--
Gateway: a valid token used on another realm gets 403 code 3100 (gateway envelope, type SERVICE)
--FILE--
<?php
require __DIR__ . '/edge_helper.inc';
$a = edge_realm();
$b = edge_realm();
$t = edge_token($a);
echo edge_gateway_line(edge_api($b, $t['access_token'], 'GET', 'companyinfo/' . $b)), "\n";
$own = edge_api($a, $t['access_token'], 'GET', 'companyinfo/' . $a);
echo $own['status'] === 403 ? 'own realm refused' : 'own realm accepted', "\n";
?>
--EXPECT--
403 3100 SERVICE | message=ApplicationAuthorizationFailed; errorCode=003100; statusCode=403 | NULL
own realm accepted
