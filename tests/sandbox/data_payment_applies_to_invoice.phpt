--TEST--
Sandbox data: A payment reduces the invoice Balance, adds LinkedTxn and bumps its SyncToken
--FILE--
<?php
require __DIR__ . '/helper.inc';
$co = sbx_company();
$c = sbx_t_customer($co);
$i = sbx_t_invoice($co, $c['Id'], [sbx_line('2', 2, 150)]);
$p = sbx_t_payment($co, $c['Id'], 100, [$i['Id'] => 100])['json']['Payment'];
echo 'Payment ', $p['TotalAmt'], ' unapplied ', $p['UnappliedAmt'], ' deposit ', $p['DepositToAccountRef']['name'], "\n";
$g = sbx_api($co, 'GET', 'invoice/' . $i['Id'])['json']['Invoice'];
echo 'Invoice Balance=', $g['Balance'], ' SyncToken=', $g['SyncToken'], ' Linked=', $g['LinkedTxn'][0]['TxnType'],
    ' ', $g['LinkedTxn'][0]['TxnId'] === $p['Id'] ? 'ok' : 'wrong', "\n";
$led = sbx_ledger_entity($co, 'Invoice', $i['Id']);
echo 'versions=', count($led['versions']), ' changes=', implode(',', array_column($led['changes'], 'operation')), "\n";
echo 'customer Balance=', sbx_api($co, 'GET', 'customer/' . $c['Id'])['json']['Customer']['Balance'], "\n";
?>
--EXPECT--
Payment 100 unapplied 0 deposit Undeposited Funds
Invoice Balance=200 SyncToken=1 Linked=Payment ok
versions=2 changes=Create,Update
customer Balance=200
