--TEST--
Sandbox data: An overpayment is left as UnappliedAmt and lowers the customer balance
--FILE--
<?php
require __DIR__ . '/helper.inc';
$co = sbx_company();
$c = sbx_t_customer($co);
$i = sbx_t_invoice($co, $c['Id'], [sbx_line('2', 1, 100)]);
$p = sbx_t_payment($co, $c['Id'], 130, [$i['Id'] => 100])['json']['Payment'];
echo 'UnappliedAmt=', $p['UnappliedAmt'], "\n";
echo 'Invoice Balance=', sbx_api($co, 'GET', 'invoice/' . $i['Id'])['json']['Invoice']['Balance'], "\n";
echo 'Customer Balance=', sbx_api($co, 'GET', 'customer/' . $c['Id'])['json']['Customer']['Balance'], "\n";
$np = sbx_api($co, 'POST', 'payment', ['CustomerRef' => ['value' => $c['Id']], 'TotalAmt' => 20])['json']['Payment'];
echo 'no lines: UnappliedAmt=', $np['UnappliedAmt'], ' lines=', count($np['Line']), "\n";
?>
--EXPECT--
UnappliedAmt=30
Invoice Balance=0
Customer Balance=-30
no lines: UnappliedAmt=20 lines=0
