--TEST--
Sandbox data: Payment applied to another customer's invoice: 6000
--FILE--
<?php
require __DIR__ . '/helper.inc';
$co = sbx_company();
$a = sbx_t_customer($co);
$b = sbx_t_customer($co);
$i = sbx_t_invoice($co, $a['Id'], [sbx_line('2', 1, 100)]);
echo str_replace($i['Id'], '{ID}', sbx_fault_line(sbx_t_payment($co, $b['Id'], 100, [$i['Id'] => 100]))), "\n";
?>
--EXPECT--
400 ValidationFault 6000 A business validation error has occurred while processing your request | Business Validation Error: Invoice {ID} belongs to another customer; a payment can only be applied to transactions of its own customer. | Line.LinkedTxn.TxnId
