--TEST--
Sandbox data: Name-list entities cannot be deleted (deactivate instead)
--FILE--
<?php
require __DIR__ . '/helper.inc';
$co = sbx_company();
$c = sbx_t_customer($co);
echo sbx_fault_line(sbx_api($co, 'POST', 'customer', ['Id' => $c['Id'], 'SyncToken' => '0'], ['operation' => 'delete'])), "\n";
echo sbx_api($co, 'GET', 'customer/' . $c['Id'])['status'], "\n";
?>
--EXPECT--
400 ValidationFault 500 Unsupported Operation | Operation Delete is not supported. | 
200
