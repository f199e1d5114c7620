--TEST--
Gateway: fault kind 503 answers Service Unavailable with an HTML body and Retry-After
--FILE--
<?php
require __DIR__ . '/edge_helper.inc';
$realm = edge_realm();
$t = edge_token($realm)['access_token'];
edge_fault(['realm' => $realm, 'kind' => '503', 'count' => 2]);
for ($i = 0; $i < 3; $i++) {
    $r = edge_api($realm, $t, 'GET', 'companyinfo/' . $realm);
    echo $r['status'], ' ', $r['headers']['content-type'] ?? '-', ' ', $r['headers']['retry-after'] ?? '-', ' ',
        $r['json'] === null ? 'not json' : 'json', "\n";
}
?>
--EXPECTF--
503 text/html;charset=UTF-8 30 not json
503 text/html;charset=UTF-8 30 not json
%r(200|400|404)%r application/json;charset=UTF-8 - json
