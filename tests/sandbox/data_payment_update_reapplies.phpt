--TEST--
Sandbox data: A full payment update moves the application from one invoice to another
--FILE--
<?php
require __DIR__ . '/helper.inc';
$co = sbx_company();
$c = sbx_t_customer($co);
$a = sbx_t_invoice($co, $c['Id'], [sbx_line('2', 1, 100)]);
$b = sbx_t_invoice($co, $c['Id'], [sbx_line('2', 1, 80)]);
$p = sbx_t_payment($co, $c['Id'], 60, [$a['Id'] => 60])['json']['Payment'];
$u = sbx_api($co, 'POST', 'payment', ['Id' => $p['Id'], 'SyncToken' => $p['SyncToken'], 'CustomerRef' => ['value' => $c['Id']], 'TotalAmt' => 60,
    'Line' => [['Amount' => 50, 'LinkedTxn' => [['TxnId' => $b['Id'], 'TxnType' => 'Invoice']]]]]);
echo $u['status'], ' SyncToken=', $u['json']['Payment']['SyncToken'], ' UnappliedAmt=', $u['json']['Payment']['UnappliedAmt'], "\n";
$ga = sbx_api($co, 'GET', 'invoice/' . $a['Id'])['json']['Invoice'];
$gb = sbx_api($co, 'GET', 'invoice/' . $b['Id'])['json']['Invoice'];
echo 'A Balance=', $ga['Balance'], ' links=', count($ga['LinkedTxn']), ' SyncToken=', $ga['SyncToken'], "\n";
echo 'B Balance=', $gb['Balance'], ' links=', count($gb['LinkedTxn']), ' SyncToken=', $gb['SyncToken'], "\n";
echo 'Customer Balance=', sbx_api($co, 'GET', 'customer/' . $c['Id'])['json']['Customer']['Balance'], "\n";
?>
--EXPECT--
200 SyncToken=1 UnappliedAmt=10
A Balance=100 links=0 SyncToken=2
B Balance=30 links=1 SyncToken=1
Customer Balance=120
