--TEST--
Sandbox data: GB company: 20% VAT standard rate, home currency GBP, TaxInclusive total
--FILE--
<?php
require __DIR__ . '/helper.inc';
$co = sbx_company(['country' => 'GB']);
$c = sbx_t_customer($co);
$x = sbx_t_invoice($co, $c['Id'], [sbx_line('2', 1, 100, '1')], ['GlobalTaxCalculation' => 'TaxExcluded']);
echo $x['CurrencyRef']['value'], ' excluded: tax=', $x['TxnTaxDetail']['TotalTax'], ' total=', $x['TotalAmt'], "\n";
$n = sbx_t_invoice($co, $c['Id'], [sbx_line('2', 1, 120, '1')], ['GlobalTaxCalculation' => 'TaxInclusive']);
echo 'inclusive: tax=', $n['TxnTaxDetail']['TotalTax'], ' net=', $n['TxnTaxDetail']['TaxLine'][0]['TaxLineDetail']['NetAmountTaxable'], ' total=', $n['TotalAmt'], "\n";
echo sbx_fault_line(sbx_api($co, 'POST', 'invoice', ['CustomerRef' => ['value' => $c['Id']], 'GlobalTaxCalculation' => 'TaxExcluded', 'Line' => [sbx_line('2', 1, 1, null)]])), "\n";
?>
--EXPECT--
GBP excluded: tax=20 total=120
inclusive: tax=20 net=100 total=120
400 ValidationFault 6000 A business validation error has occurred while processing your request | Business Validation Error: Make sure all your transactions have a VAT rate before you save. | Line.SalesItemLineDetail.TaxCodeRef
