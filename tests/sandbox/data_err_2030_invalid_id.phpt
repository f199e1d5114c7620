--TEST--
Sandbox data: A non-numeric Id: 400 code 2030 Invalid ID (TaxCode TAX/NON stay readable)
--FILE--
<?php
require __DIR__ . '/helper.inc';
$co = sbx_company();
echo sbx_fault_line(sbx_api($co, 'GET', 'customer/abc')), "\n";
echo sbx_fault_line(sbx_api($co, 'POST', 'invoice', ['Id' => '12x', 'SyncToken' => '0', 'sparse' => true])), "\n";
echo sbx_api($co, 'GET', 'taxcode/TAX')['json']['TaxCode']['Name'], "\n";
?>
--EXPECT--
400 ValidationFault 2030 Invalid ID | Id should be a valid number. Supplied value:abc | Id
400 ValidationFault 2030 Invalid ID | Id should be a valid number. Supplied value:12x | Id
TAX
