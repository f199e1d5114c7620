--TEST--
Gateway: fault kind timeout holds the response longer than the client waits (curl error 28)
--CONFLICTS--
edge_hold_workers
--FILE--
<?php
require __DIR__ . '/edge_helper.inc';
$realm = edge_realm();
$t = edge_token($realm)['access_token'];
edge_fault(['realm' => $realm, 'kind' => 'timeout', 'delay_ms' => 2500]);
$h = ['Authorization: Bearer ' . $t, 'Accept: application/json'];
$r = edge_curl('GET', "/v3/company/$realm/companyinfo/$realm?minorversion=75", null, $h, 30, 700);
echo $r['errno'], ' ', $r['status'], "\n";
// the sandbox answers 504 when it finally gives up
edge_fault(['realm' => $realm, 'kind' => 'timeout', 'delay_ms' => 100]);
$r = edge_curl('GET', "/v3/company/$realm/companyinfo/$realm?minorversion=75", null, $h);
echo $r['errno'], ' ', $r['status'], ' ', str_contains($r['raw'], 'Gateway Time-out') ? 'gateway timeout page' : $r['raw'], "\n";
?>
--EXPECT--
28 0
0 504 gateway timeout page
