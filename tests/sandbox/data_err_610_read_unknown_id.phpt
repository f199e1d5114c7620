--TEST--
Sandbox data: Read of an unknown Id: 400 code 610 Object Not Found
--FILE--
<?php
require __DIR__ . '/helper.inc';
$co = sbx_company();
echo sbx_fault_line(sbx_api($co, 'GET', 'invoice/987654')), "\n";
echo sbx_fault_line(sbx_api($co, 'GET', 'customer/987654')), "\n";
?>
--EXPECT--
400 ValidationFault 610 Object Not Found | Object Not Found : Another user has deleted this transaction. | 
400 ValidationFault 610 Object Not Found | Object Not Found : Something you're trying to use has been made inactive. Check the fields with accounts, customers, items, vendors or employees. |
