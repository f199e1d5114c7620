--TEST--
Sandbox data: Voiding a payment with ?operation=update&include=void restores the invoice balance
--FILE--
<?php
require __DIR__ . '/helper.inc';
$co = sbx_company();
$c = sbx_t_customer($co);
$i = sbx_t_invoice($co, $c['Id'], [sbx_line('2', 1, 100)]);
$p = sbx_t_payment($co, $c['Id'], 100, [$i['Id'] => 100], ['PrivateNote' => 'cheque 7'])['json']['Payment'];
echo 'before: ', sbx_api($co, 'GET', 'invoice/' . $i['Id'])['json']['Invoice']['Balance'], "\n";
$v = sbx_api($co, 'POST', 'payment', ['Id' => $p['Id'], 'SyncToken' => $p['SyncToken'], 'sparse' => true],
    ['operation' => 'update', 'include' => 'void']);
$vp = $v['json']['Payment'];
echo $v['status'], ' TotalAmt=', $vp['TotalAmt'], ' SyncToken=', $vp['SyncToken'], ' Note=', $vp['PrivateNote'], "\n";
echo 'after: ', sbx_api($co, 'GET', 'invoice/' . $i['Id'])['json']['Invoice']['Balance'], "\n";
echo 'readable: ', sbx_api($co, 'GET', 'payment/' . $p['Id'])['status'], "\n";
?>
--EXPECT--
before: 0
200 TotalAmt=0 SyncToken=1 Note=Voided - cheque 7
after: 100
readable: 200
