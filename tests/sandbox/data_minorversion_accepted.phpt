--TEST--
Sandbox data: Any minorversion (missing, old, new) is accepted
--FILE--
<?php
require __DIR__ . '/helper.inc';
$co = sbx_company();
foreach (['75', '4', '99'] as $mv) {
    echo $mv, ' ', sbx_api($co, 'GET', 'companyinfo/' . $co['realm'], null, ['minorversion' => $mv])['status'], "\n";
}
$h = ['Accept' => 'application/json'] + ($co['token'] ? ['Authorization' => 'Bearer ' . $co['token']] : []);
echo 'none ', sbx_http('GET', '/v3/company/' . $co['realm'] . '/companyinfo/' . $co['realm'], null, $h)['status'], "\n";
?>
--EXPECT--
75 200
4 200
99 200
none 200
