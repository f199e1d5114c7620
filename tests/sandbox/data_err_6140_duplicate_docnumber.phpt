--TEST--
Sandbox data: Duplicate invoice DocNumber: 400 code 6140
--FILE--
<?php
require __DIR__ . '/helper.inc';
$co = sbx_company();
$c = sbx_t_customer($co);
$i = sbx_t_invoice($co, $c['Id'], [sbx_line('2', 1, 10)], ['DocNumber' => 'INV-77']);
$r = sbx_api($co, 'POST', 'invoice', ['CustomerRef' => ['value' => $c['Id']], 'Line' => [sbx_line('2', 1, 10)], 'DocNumber' => 'INV-77']);
echo str_replace('TxnId=' . $i['Id'], 'TxnId={ID}', sbx_fault_line($r)), "\n";
?>
--EXPECT--
400 ValidationFault 6140 Duplicate Document Number Error | Duplicate Document Number Error : You must specify a different number. This number has already been used. DocNumber=INV-77 is assigned to TxnType=Invoice with TxnId={ID} | DocNumber
