--TEST--
Sandbox data: A customer with an open balance cannot be made inactive (6000)
--FILE--
<?php
require __DIR__ . '/helper.inc';
$co = sbx_company();
$c = sbx_t_customer($co);
sbx_t_invoice($co, $c['Id'], [sbx_line('2', 1, 10)]);
echo sbx_fault_line(sbx_api($co, 'POST', 'customer', ['Id' => $c['Id'], 'SyncToken' => '0', 'sparse' => true, 'Active' => false])), "\n";
?>
--EXPECT--
400 ValidationFault 6000 A business validation error has occurred while processing your request | Business Validation Error: The entity you are trying to delete has an open balance. : This customer cannot be deleted because it has a non-zero balance | Active
