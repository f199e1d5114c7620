--TEST--
Sandbox data: An invoice with a linked payment cannot be deleted (6000)
--FILE--
<?php
require __DIR__ . '/helper.inc';
$co = sbx_company();
$c = sbx_t_customer($co);
$i = sbx_t_invoice($co, $c['Id'], [sbx_line('2', 1, 100)]);
$p = sbx_t_payment($co, $c['Id'], 40, [$i['Id'] => 40]);
$i = sbx_api($co, 'GET', 'invoice/' . $i['Id'])['json']['Invoice'];
$r = sbx_api($co, 'POST', 'invoice', ['Id' => $i['Id'], 'SyncToken' => $i['SyncToken']], ['operation' => 'delete']);
echo sbx_fault_line($r), "\n";
echo sbx_api($co, 'GET', 'invoice/' . $i['Id'])['status'], "\n";
?>
--EXPECT--
400 ValidationFault 6000 A business validation error has occurred while processing your request | Business Validation Error: This Invoice has linked payments. Unlink (delete or void) the payments before you delete it. | LinkedTxn
200
