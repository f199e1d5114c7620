--TEST--
Sandbox data: An auto DocNumber continues from the last numeric one given (last number + 1)
--FILE--
<?php
require __DIR__ . '/helper.inc';
$co = sbx_company();
$c = sbx_t_customer($co);
echo sbx_t_invoice($co, $c['Id'], [sbx_line('2', 1, 1)])['DocNumber'], "\n";
echo sbx_t_invoice($co, $c['Id'], [sbx_line('2', 1, 1)], ['DocNumber' => '2000'])['DocNumber'], "\n";
echo sbx_t_invoice($co, $c['Id'], [sbx_line('2', 1, 1)])['DocNumber'], "\n";
echo sbx_t_invoice($co, $c['Id'], [sbx_line('2', 1, 1)], ['DocNumber' => 'A-7'])['DocNumber'], "\n";
echo sbx_t_invoice($co, $c['Id'], [sbx_line('2', 1, 1)])['DocNumber'], "\n";
?>
--EXPECT--
1001
2000
2001
A-7
2002
