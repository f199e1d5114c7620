--TEST--
Sandbox data: CA invoice: per-line TaxCodeRef (GST 5%, HST ON 13%), GlobalTaxCalculation TaxExcluded
--FILE--
<?php
require __DIR__ . '/helper.inc';
$co = sbx_company(['country' => 'CA']);
$c = sbx_t_customer($co);
$i = sbx_t_invoice($co, $c['Id'], [sbx_line('2', 1, 100, '1'), sbx_line('3', 2, 50, '2')], ['GlobalTaxCalculation' => 'TaxExcluded']);
echo 'TotalTax=', $i['TxnTaxDetail']['TotalTax'], ' TotalAmt=', $i['TotalAmt'], ' Currency=', $i['CurrencyRef']['value'], "\n";
foreach ($i['TxnTaxDetail']['TaxLine'] as $tl) {
    echo $tl['TaxLineDetail']['TaxPercent'], '% of ', $tl['TaxLineDetail']['NetAmountTaxable'], ' = ', $tl['Amount'], "\n";
}
echo sbx_fault_line(sbx_api($co, 'POST', 'invoice', ['CustomerRef' => ['value' => $c['Id']], 'Line' => [sbx_line('2', 1, 1, '1')]])), "\n";
echo sbx_fault_line(sbx_api($co, 'POST', 'invoice', ['CustomerRef' => ['value' => $c['Id']], 'GlobalTaxCalculation' => 'TaxExcluded',
    'Line' => [sbx_line('2', 1, 1, null)]])), "\n";
?>
--EXPECT--
TotalTax=18 TotalAmt=218 Currency=CAD
5% of 100 = 5
13% of 100 = 13
400 ValidationFault 2020 Required param missing, need to supply the required value for the API | Required parameter GlobalTaxCalculation is missing in the request | GlobalTaxCalculation
400 ValidationFault 6000 A business validation error has occurred while processing your request | Business Validation Error: Make sure all your transactions have a GST/HST rate before you save. | Line.SalesItemLineDetail.TaxCodeRef
