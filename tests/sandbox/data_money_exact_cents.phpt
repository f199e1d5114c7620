--TEST--
Sandbox data: Money is exact: 0.1 + 0.2, 3 x 19.99 and per-rate tax of 59.97 have no float drift
--FILE--
<?php
require __DIR__ . '/helper.inc';
$co = sbx_company();
$c = sbx_t_customer($co);
$i = sbx_t_invoice($co, $c['Id'], [sbx_line('2', 1, 0.1), sbx_line('2', 1, 0.2), sbx_line('3', 3, 19.99, 'TAX')],
    ['TxnTaxDetail' => ['TxnTaxCodeRef' => ['value' => '1']]]);
echo json_encode([$i['Line'][3]['Amount'], $i['TxnTaxDetail']['TotalTax'], $i['TotalAmt'], $i['Balance']]), "\n";
$p = sbx_t_payment($co, $c['Id'], 0.3, [$i['Id'] => 0.3])['json']['Payment'];
$g = sbx_api($co, 'GET', 'invoice/' . $i['Id'])['json']['Invoice'];
echo json_encode([$p['TotalAmt'], $p['UnappliedAmt'], $g['Balance']]), "\n";
?>
--EXPECT--
[60.27,4.95,65.22,65.22]
[0.3,0,64.92]
