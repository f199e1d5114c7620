--TEST--
Sandbox data: Voiding a payment with ?operation=void also works
--FILE--
<?php
require __DIR__ . '/helper.inc';
$co = sbx_company();
$c = sbx_t_customer($co);
$i = sbx_t_invoice($co, $c['Id'], [sbx_line('2', 1, 50)]);
$p = sbx_t_payment($co, $c['Id'], 50, [$i['Id'] => 50])['json']['Payment'];
$v = sbx_api($co, 'POST', 'payment', ['Id' => $p['Id'], 'SyncToken' => $p['SyncToken']], ['operation' => 'void']);
echo $v['status'], ' ', $v['json']['Payment']['TotalAmt'], ' ', $v['json']['Payment']['PrivateNote'], "\n";
echo 'invoice Balance=', sbx_api($co, 'GET', 'invoice/' . $i['Id'])['json']['Invoice']['Balance'], "\n";
$ch = array_column(sbx_ledger_entity($co, 'Payment', $p['Id'])['changes'], 'operation');
echo implode(',', $ch), "\n";
?>
--EXPECT--
200 0 Voided
invoice Balance=50
Create,Void
