--TEST--
Sandbox data: The customer of an invoice with a linked payment cannot change (6000)
--FILE--
<?php
require __DIR__ . '/helper.inc';
$co = sbx_company();
$a = sbx_t_customer($co);
$b = sbx_t_customer($co);
$i = sbx_t_invoice($co, $a['Id'], [sbx_line('2', 1, 100)]);
sbx_t_payment($co, $a['Id'], 10, [$i['Id'] => 10]);
$i = sbx_api($co, 'GET', 'invoice/' . $i['Id'])['json']['Invoice'];
echo sbx_fault_line(sbx_api($co, 'POST', 'invoice', ['Id' => $i['Id'], 'SyncToken' => $i['SyncToken'], 'sparse' => true, 'CustomerRef' => ['value' => $b['Id']]])), "\n";
?>
--EXPECT--
400 ValidationFault 6000 A business validation error has occurred while processing your request | Business Validation Error: The customer of this Invoice cannot change while payments are linked to it. | CustomerRef
