--TEST--
Sandbox data: Voiding an invoice zeroes amounts, prefixes PrivateNote, keeps it readable
--FILE--
<?php
require __DIR__ . '/helper.inc';
$co = sbx_company();
$c = sbx_t_customer($co);
$i = sbx_t_invoice($co, $c['Id'], [sbx_line('2', 1, 75)], ['PrivateNote' => 'order 5']);
$v = sbx_api($co, 'POST', 'invoice', ['Id' => $i['Id'], 'SyncToken' => $i['SyncToken']], ['operation' => 'void']);
$o = $v['json']['Invoice'];
echo $v['status'], ' TotalAmt=', $o['TotalAmt'], ' Balance=', $o['Balance'], ' line=', $o['Line'][0]['Amount'], ' SyncToken=', $o['SyncToken'], "\n";
echo $o['PrivateNote'], "\n";
echo 'read: ', sbx_api($co, 'GET', 'invoice/' . $i['Id'])['status'], "\n";
?>
--EXPECT--
200 TotalAmt=0 Balance=0 line=0 SyncToken=1
Voided - order 5
read: 200
