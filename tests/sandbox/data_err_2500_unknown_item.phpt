--TEST--
Sandbox data: Invoice line with an unknown ItemRef: 400 code 2500, element = field path
--FILE--
<?php
require __DIR__ . '/helper.inc';
$co = sbx_company();
$c = sbx_t_customer($co);
$r = sbx_api($co, 'POST', 'invoice', ['CustomerRef' => ['value' => $c['Id']], 'Line' => [sbx_line('999', 1, 10)]]);
echo sbx_fault_line($r), "\n";
?>
--EXPECT--
400 ValidationFault 2500 Invalid Reference Id | Invalid Reference Id : Line.SalesItemLineDetail.ItemRef | Line.SalesItemLineDetail.ItemRef
