--TEST--
Sandbox data: TaxCode cannot be created through /taxcode
--FILE--
<?php
require __DIR__ . '/helper.inc';
$co = sbx_company();
echo sbx_fault_line(sbx_api($co, 'POST', 'taxcode', ['Name' => 'New tax'])), "\n";
?>
--EXPECT--
400 ValidationFault 500 Unsupported Operation | Operation Create is not supported. |
