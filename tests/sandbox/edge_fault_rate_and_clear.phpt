--TEST--
Gateway: fault rules match by path glob and method, rate 0 never fires, rate 1 always, DELETE clears; GET lists them
--FILE--
<?php
require __DIR__ . '/edge_helper.inc';
$realm = edge_realm();
$t = edge_token($realm)['access_token'];
$never = edge_fault(['realm' => $realm, 'kind' => '500', 'rate' => 0]);
$always = edge_fault(['realm' => $realm, 'kind' => '503', 'rate' => 1, 'path' => '/v3/company/*/query', 'method' => 'GET']);
$s = [];
for ($i = 0; $i < 3; $i++) {
    $s[] = edge_api($realm, $t, 'GET', 'companyinfo/' . $realm)['status'];
    $s[] = edge_api($realm, $t, 'GET', 'query', null, ['query' => 'select * from Term'])['status'];
}
echo implode(',', array_map(fn($x) => in_array($x, [500, 503], true) ? $x : 'ok', $s)), "\n";
$list = sbx_http('GET', '/_sandbox/faults')['json']['faults'];
foreach ($list as $f) {
    if ($f['id'] === $never['id'] || $f['id'] === $always['id']) {
        echo $f['kind'], ' rate=', $f['rate'], ' hits=', $f['hits'], "\n";
    }
}
$d = sbx_http('DELETE', '/_sandbox/faults', ['realm' => $realm]);
echo 'deleted ', $d['json']['deleted'], "\n";
echo edge_api($realm, $t, 'GET', 'query', null, ['query' => 'select * from Term'])['status'] === 503 ? 'still 503' : 'clear', "\n";
$bad = sbx_http('POST', '/_sandbox/faults', ['kind' => 'explode']);
echo $bad['status'], ' ', $bad['json']['error'], "\n";
?>
--EXPECT--
ok,503,ok,503,ok,503
500 rate=0 hits=0
503 rate=1 hits=3
deleted 2
clear
400 kind must be one of 500, 503, 429, 401, slow, hold, timeout, drop, truncate, html, xml, badid
