--TEST--
Gateway: fault kind truncate sends half the body under the full Content-Length (curl 18)
--FILE--
<?php
require __DIR__ . '/edge_helper.inc';
$realm = edge_realm();
$t = edge_token($realm)['access_token'];
edge_fault(['realm' => $realm, 'kind' => 'truncate']);
$h = ['Authorization: Bearer ' . $t, 'Accept: application/json'];
$r = edge_curl('GET', "/v3/company/$realm/companyinfo/$realm?minorversion=75", null, $h);
$full = edge_curl('GET', "/v3/company/$realm/companyinfo/$realm?minorversion=75", null, $h);
echo $r['errno'], ' ', $full['errno'], "\n";
echo (int)$r['headers']['content-length'] === strlen($full['raw']) ? 'full length announced' : 'length differs', "\n";
echo strlen($r['raw']) < strlen($full['raw']) && str_starts_with($full['raw'], $r['raw']) ? 'prefix received' : 'not a prefix', "\n";
echo $r['json'] === null ? 'not parseable' : 'parseable', "\n";
?>
--EXPECT--
18 0
full length announced
prefix received
not parseable
