--TEST--
Sandbox data: Payment applying more than the invoice open balance: 6000, invoice untouched
--FILE--
<?php
require __DIR__ . '/helper.inc';
$co = sbx_company();
$c = sbx_t_customer($co);
$i = sbx_t_invoice($co, $c['Id'], [sbx_line('2', 1, 100)]);
$r = sbx_t_payment($co, $c['Id'], 150, [$i['Id'] => 120]);
echo sbx_fault_line($r), "\n";
$g = sbx_api($co, 'GET', 'invoice/' . $i['Id'])['json']['Invoice'];
echo 'Balance=', $g['Balance'], ' SyncToken=', $g['SyncToken'], ' links=', count($g['LinkedTxn']), "\n";
?>
--EXPECT--
400 ValidationFault 6000 A business validation error has occurred while processing your request | Business Validation Error: The amount applied (120) exceeds the open balance (100) of Invoice 1001. | Line.Amount
Balance=100 SyncToken=0 links=0
