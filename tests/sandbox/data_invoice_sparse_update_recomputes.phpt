--TEST--
Sandbox data: Sparse invoice update replacing Line recomputes totals; the payment part stays applied
--FILE--
<?php
require __DIR__ . '/helper.inc';
$co = sbx_company();
$c = sbx_t_customer($co);
$i = sbx_t_invoice($co, $c['Id'], [sbx_line('2', 1, 100)]);
sbx_t_payment($co, $c['Id'], 40, [$i['Id'] => 40]);
$i = sbx_api($co, 'GET', 'invoice/' . $i['Id'])['json']['Invoice'];
$u = sbx_api($co, 'POST', 'invoice', ['Id' => $i['Id'], 'SyncToken' => $i['SyncToken'], 'sparse' => true, 'Line' => [sbx_line('2', 2, 100)]]);
$o = $u['json']['Invoice'];
echo $u['status'], ' TotalAmt=', $o['TotalAmt'], ' Balance=', $o['Balance'], ' SyncToken=', $o['SyncToken'], ' DocNumber kept=', $o['DocNumber'] === $i['DocNumber'] ? 'yes' : 'no', "\n";
echo sbx_fault_line(sbx_api($co, 'POST', 'invoice', ['Id' => $i['Id'], 'SyncToken' => $o['SyncToken'], 'sparse' => true, 'Line' => [sbx_line('2', 1, 30)]])), "\n";
?>
--EXPECT--
200 TotalAmt=200 Balance=160 SyncToken=2 DocNumber kept=yes
400 ValidationFault 6000 A business validation error has occurred while processing your request | Business Validation Error: The transaction total cannot be less than the amount already applied to it (40). | Line
