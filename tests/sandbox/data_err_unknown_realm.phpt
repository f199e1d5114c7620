--TEST--
Sandbox data: A realm that does not exist: 403 code 3100 gateway envelope
--FILE--
<?php
require __DIR__ . '/helper.inc';
$co = sbx_company();
$r = sbx_api(['realm' => '9341453199999999', 'token' => $co['token']], 'GET', 'companyinfo/9341453199999999');
echo $r['status'], ' ', $r['json']['fault']['error'][0]['code'], ' ', $r['json']['fault']['type'], "\n";
?>
--EXPECT--
403 3100 SERVICE
