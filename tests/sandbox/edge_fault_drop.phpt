--TEST--
Gateway: fault kind drop closes the connection without a response (curl 52 "Empty reply"); the server keeps serving
--FILE--
<?php
require __DIR__ . '/edge_helper.inc';
$realm = edge_realm();
$t = edge_token($realm)['access_token'];
edge_fault(['realm' => $realm, 'kind' => 'drop', 'count' => 2]);
$h = ['Authorization: Bearer ' . $t, 'Accept: application/json'];
for ($i = 0; $i < 2; $i++) {
    $r = edge_curl('GET', "/v3/company/$realm/companyinfo/$realm?minorversion=75", null, $h);
    echo $r['errno'], ' ', $r['status'], ' [', $r['raw'], "]\n";
}
$r = edge_curl('GET', "/v3/company/$realm/companyinfo/$realm?minorversion=75", null, $h);
echo $r['errno'], ' ', $r['status'] > 0 ? 'answered' : 'no answer', "\n";
foreach (edge_log(['realm' => $realm]) as $e) {
    echo $e['status'], ' ', $e['fault'] ?? '-', "\n";
}
?>
--EXPECTF--
52 0 []
52 0 []
0 answered
0 drop:before
0 drop:before
%d -
