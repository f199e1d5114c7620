--TEST--
Sandbox data: Line Amount != Qty * UnitPrice: 400 code 6000
--FILE--
<?php
require __DIR__ . '/helper.inc';
$co = sbx_company();
$c = sbx_t_customer($co);
$r = sbx_api($co, 'POST', 'invoice', ['CustomerRef' => ['value' => $c['Id']], 'Line' => [sbx_line('2', 3, 19.99, 'NON', 59.96)]]);
echo sbx_fault_line($r), "\n";
$ok = sbx_api($co, 'POST', 'invoice', ['CustomerRef' => ['value' => $c['Id']], 'Line' => [sbx_line('2', 3, 19.99, 'NON', 59.97)]]);
echo $ok['status'], ' ', $ok['json']['Invoice']['TotalAmt'], "\n";
?>
--EXPECT--
400 ValidationFault 6000 A business validation error has occurred while processing your request | Business Validation Error: Amount is not equal to UnitPrice * Qty. Supplied value:59.96 | Line.Amount
200 59.97
