--TEST--
Sandbox data: select with a field list returns only those fields (plus Id)
--FILE--
<?php
require __DIR__ . '/helper.inc';
$co = sbx_company();
$r = sbx_query($co, "select Id, DisplayName from Customer where Id = '1'");
echo $r['status'], ' ', json_encode($r['json']['QueryResponse']['Customer']), "\n";
?>
--EXPECT--
200 [{"Id":"1","DisplayName":"Northwind Traders","domain":"QBO","sparse":true}]
