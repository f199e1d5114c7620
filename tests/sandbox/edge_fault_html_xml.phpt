--TEST--
Gateway: fault kinds html (502 HTML page) and xml (XML SystemFault instead of JSON)
--FILE--
<?php
require __DIR__ . '/edge_helper.inc';
$realm = edge_realm();
$t = edge_token($realm)['access_token'];
edge_fault(['realm' => $realm, 'kind' => 'html']);
$r = edge_api($realm, $t, 'GET', 'companyinfo/' . $realm);
echo $r['status'], ' ', $r['headers']['content-type'], ' ', $r['json'] === null ? 'not json' : 'json', ' ',
    str_contains($r['raw'], '<h1>Bad Gateway</h1>') ? 'html page' : '?', "\n";
edge_fault(['realm' => $realm, 'kind' => 'xml', 'status' => 400]);
$r = edge_api($realm, $t, 'GET', 'companyinfo/' . $realm);
$x = simplexml_load_string($r['raw']);
echo $r['status'], ' ', $r['headers']['content-type'], ' ', $x->getName(), ' ', $x->Fault['type'], ' ', $x->Fault->Error['code'], "\n";
?>
--EXPECT--
502 text/html;charset=UTF-8 not json html page
400 application/xml;charset=UTF-8 IntuitResponse SystemFault 10000
