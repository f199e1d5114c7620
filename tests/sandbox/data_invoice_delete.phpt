--TEST--
Sandbox data: Deleting an invoice returns the Deleted stub; later reads give 610
--FILE--
<?php
require __DIR__ . '/helper.inc';
$co = sbx_company();
$c = sbx_t_customer($co);
$i = sbx_t_invoice($co, $c['Id'], [sbx_line('2', 1, 10)]);
$d = sbx_api($co, 'POST', 'invoice', ['Id' => $i['Id'], 'SyncToken' => $i['SyncToken']], ['operation' => 'delete']);
echo $d['status'], ' ', $d['json']['Invoice']['status'], ' ', $d['json']['Invoice']['domain'], ' ', $d['json']['Invoice']['Id'] === $i['Id'] ? 'id ok' : 'id wrong', ' time=', isset($d['json']['time']) ? 'yes' : 'no', "\n";
echo sbx_fault_line(sbx_api($co, 'GET', 'invoice/' . $i['Id'])), "\n";
echo 'customer Balance=', sbx_api($co, 'GET', 'customer/' . $c['Id'])['json']['Customer']['Balance'], "\n";
?>
--EXPECT--
200 Deleted QBO id ok time=yes
400 ValidationFault 610 Object Not Found | Object Not Found : Another user has deleted this transaction. | 
customer Balance=0
