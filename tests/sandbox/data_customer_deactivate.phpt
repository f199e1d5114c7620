--TEST--
Sandbox data: Active=false hides a customer from default queries; Active = false finds it
--FILE--
<?php
require __DIR__ . '/helper.inc';
$co = sbx_company();
$c = sbx_t_customer($co, 'Quiet One');
$u = sbx_api($co, 'POST', 'customer', ['Id' => $c['Id'], 'SyncToken' => '0', 'sparse' => true, 'Active' => false]);
echo $u['status'], ' Active=', var_export($u['json']['Customer']['Active'], true), "\n";
$d = sbx_query($co, "select * from Customer where DisplayName = 'Quiet One'");
echo 'default: ', preg_replace('/"time":"[^"]*"/', '"time":T', $d['raw']), "\n";
$f = sbx_query($co, "select * from Customer where Active = false");
echo 'inactive: ', implode(',', array_column($f['json']['QueryResponse']['Customer'], 'DisplayName')), "\n";
echo 'read: ', sbx_api($co, 'GET', 'customer/' . $c['Id'])['status'], "\n";
?>
--EXPECT--
200 Active=false
default: {"QueryResponse":{},"time":T}
inactive: Quiet One
read: 200
