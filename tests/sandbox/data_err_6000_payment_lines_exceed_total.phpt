--TEST--
Sandbox data: Payment lines summing to more than TotalAmt: 6000
--FILE--
<?php
require __DIR__ . '/helper.inc';
$co = sbx_company();
$c = sbx_t_customer($co);
$i = sbx_t_invoice($co, $c['Id'], [sbx_line('2', 1, 100)]);
echo sbx_fault_line(sbx_t_payment($co, $c['Id'], 50, [$i['Id'] => 80])), "\n";
?>
--EXPECT--
400 ValidationFault 6000 A business validation error has occurred while processing your request | Business Validation Error: The amount applied to transactions (80) exceeds the payment amount TotalAmt (50). | TotalAmt
