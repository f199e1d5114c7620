--TEST--
Sandbox data: US invoice: TxnTaxCodeRef combined rate (6.25% + 2%) taxes only TAX lines
--FILE--
<?php
require __DIR__ . '/helper.inc';
$co = sbx_company();
$c = sbx_t_customer($co);
$i = sbx_t_invoice($co, $c['Id'], [sbx_line('2', 2, 150, 'TAX'), sbx_line('3', 1, 25, 'NON')],
    ['TxnTaxDetail' => ['TxnTaxCodeRef' => ['value' => '1']]]);
echo 'TotalTax=', $i['TxnTaxDetail']['TotalTax'], ' TotalAmt=', $i['TotalAmt'], ' Balance=', $i['Balance'], "\n";
foreach ($i['TxnTaxDetail']['TaxLine'] as $tl) {
    echo $tl['TaxLineDetail']['TaxRateRef']['value'], ' ', $tl['TaxLineDetail']['TaxPercent'], '% of ', $tl['TaxLineDetail']['NetAmountTaxable'], ' = ', $tl['Amount'], "\n";
}
echo sbx_fault_line(sbx_api($co, 'POST', 'invoice', ['CustomerRef' => ['value' => $c['Id']], 'Line' => [sbx_line('2', 1, 1, 'GST')]])), "\n";
?>
--EXPECT--
TotalTax=24.75 TotalAmt=349.75 Balance=349.75
1 6.25% of 300 = 18.75
2 2% of 300 = 6
400 ValidationFault 2500 Invalid Reference Id | Invalid Reference Id : Line.SalesItemLineDetail.TaxCodeRef | Line.SalesItemLineDetail.TaxCodeRef
