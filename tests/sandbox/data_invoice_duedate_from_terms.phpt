--TEST--
Sandbox data: DueDate follows SalesTermRef (Net 10) when given
--FILE--
<?php
require __DIR__ . '/helper.inc';
$co = sbx_company();
$c = sbx_t_customer($co);
$i = sbx_t_invoice($co, $c['Id'], [sbx_line('2', 1, 10)], ['TxnDate' => '2026-02-25', 'SalesTermRef' => ['value' => '2']]);
echo $i['TxnDate'], ' ', $i['SalesTermRef']['name'], ' ', $i['DueDate'], "\n";
?>
--EXPECT--
2026-02-25 Net 10 2026-03-07
