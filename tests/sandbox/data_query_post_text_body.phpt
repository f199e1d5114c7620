--TEST--
Sandbox data: POST /query with an application/text body
--FILE--
<?php
require __DIR__ . '/helper.inc';
$co = sbx_company();
$r = sbx_api($co, 'POST', 'query', "select * from Account where Name = 'Undeposited Funds'", [], ['Content-Type' => 'application/text']);
$a = $r['json']['QueryResponse']['Account'][0];
echo $r['status'], ' ', $a['Name'], ' ', $a['AccountType'], ' ', $a['AccountSubType'], "\n";
$r = sbx_api($co, 'POST', 'query', "select count(*) from PaymentMethod", [], ['Content-Type' => 'text/plain']);
echo $r['status'], ' ', $r['json']['QueryResponse']['totalCount'], "\n";
?>
--EXPECT--
200 Undeposited Funds Other Current Asset UndepositedFunds
200 6
