--TEST--
Sandbox data: Deleting a payment restores the invoice Balance and removes the link
--FILE--
<?php
require __DIR__ . '/helper.inc';
$co = sbx_company();
$c = sbx_t_customer($co);
$i = sbx_t_invoice($co, $c['Id'], [sbx_line('2', 1, 100)]);
$p = sbx_t_payment($co, $c['Id'], 60, [$i['Id'] => 60])['json']['Payment'];
$d = sbx_api($co, 'POST', 'payment', ['Id' => $p['Id'], 'SyncToken' => $p['SyncToken']], ['operation' => 'delete']);
echo $d['status'], ' ', json_encode(array_diff_key($d['json']['Payment'], ['Id' => 1])), "\n";
$g = sbx_api($co, 'GET', 'invoice/' . $i['Id'])['json']['Invoice'];
echo 'Balance=', $g['Balance'], ' links=', count($g['LinkedTxn']), ' SyncToken=', $g['SyncToken'], "\n";
echo 'read payment: ', sbx_api($co, 'GET', 'payment/' . $p['Id'])['json']['Fault']['Error'][0]['code'], "\n";
?>
--EXPECT--
200 {"status":"Deleted","domain":"QBO"}
Balance=100 links=0 SyncToken=2
read payment: 610
