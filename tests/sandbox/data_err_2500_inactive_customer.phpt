--TEST--
Sandbox data: Invoice for an inactive customer: 400 code 2500 (made inactive)
--FILE--
<?php
require __DIR__ . '/helper.inc';
$co = sbx_company();
$c = sbx_t_customer($co, 'Gone Away');
$u = sbx_api($co, 'POST', 'customer', ['Id' => $c['Id'], 'SyncToken' => $c['SyncToken'], 'sparse' => true, 'Active' => false]);
echo $u['status'], ' Active=', var_export($u['json']['Customer']['Active'], true), "\n";
$r = sbx_api($co, 'POST', 'invoice', ['CustomerRef' => ['value' => $c['Id']], 'Line' => [sbx_line('2', 1, 10)]]);
echo sbx_fault_line($r), "\n";
?>
--EXPECT--
200 Active=false
400 ValidationFault 2500 Invalid Reference Id | Invalid Reference Id : Something you're trying to use has been made inactive. Check the fields with accounts, customers, items, vendors or employees. | CustomerRef
