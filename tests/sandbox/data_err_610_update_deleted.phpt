--TEST--
Sandbox data: Update of a deleted invoice: 400 code 610
--FILE--
<?php
require __DIR__ . '/helper.inc';
$co = sbx_company();
$c = sbx_t_customer($co);
$i = sbx_t_invoice($co, $c['Id'], [sbx_line('2', 1, 100)]);
$d = sbx_api($co, 'POST', 'invoice', ['Id' => $i['Id'], 'SyncToken' => $i['SyncToken']], ['operation' => 'delete']);
echo $d['status'], "\n";
$r = sbx_api($co, 'POST', 'invoice', ['Id' => $i['Id'], 'SyncToken' => $i['SyncToken'], 'sparse' => true, 'PrivateNote' => 'x']);
echo sbx_fault_line($r), "\n";
?>
--EXPECT--
200
400 ValidationFault 610 Object Not Found | Object Not Found : Another user has deleted this transaction. |
