--TEST--
Sandbox data: A percent discount line lowers TotalAmt
--FILE--
<?php
require __DIR__ . '/helper.inc';
$co = sbx_company();
$c = sbx_t_customer($co);
$i = sbx_t_invoice($co, $c['Id'], [sbx_line('2', 1, 200), ['DetailType' => 'DiscountLineDetail', 'Amount' => 0,
    'DiscountLineDetail' => ['PercentBased' => true, 'DiscountPercent' => 12.5]]]);
foreach ($i['Line'] as $l) {
    echo $l['DetailType'], ' ', $l['Amount'], "\n";
}
echo 'TotalAmt=', $i['TotalAmt'], ' Balance=', $i['Balance'], "\n";
?>
--EXPECT--
SalesItemLineDetail 200
DiscountLineDetail 25
SubTotalLineDetail 200
TotalAmt=175 Balance=175
