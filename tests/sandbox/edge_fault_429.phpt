--TEST--
Gateway: fault kind 429 answers the 3001 throttle body, in JSON or (format xml) in XML
--FILE--
<?php
require __DIR__ . '/edge_helper.inc';
$realm = edge_realm();
$t = edge_token($realm)['access_token'];
edge_fault(['realm' => $realm, 'kind' => '429']);
edge_fault(['realm' => $realm, 'kind' => '429', 'format' => 'xml']);
echo edge_gateway_line(edge_api($realm, $t, 'GET', 'companyinfo/' . $realm)), "\n";
$r = edge_api($realm, $t, 'GET', 'companyinfo/' . $realm);
echo $r['status'], ' ', $r['headers']['content-type'], "\n";
$x = simplexml_load_string($r['raw']);
echo $x->Fault['type'], ' ', $x->Fault->Error['code'], ' ', $x->Fault->Error->Message, ' | ', $x->Fault->Error->Detail, "\n";
?>
--EXPECT--
429 3001 SERVICE | message=ThrottleExceeded; errorCode=003001; statusCode=429 | 'The request limit was reached.  Try again later'
429 application/xml;charset=UTF-8
SERVICE 3001 message=ThrottleExceeded; errorCode=003001; statusCode=429 | The request limit was reached.  Try again later
