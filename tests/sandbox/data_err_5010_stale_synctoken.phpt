--TEST--
Sandbox data: Update with a stale SyncToken: 400 code 5010, nothing written
--FILE--
<?php
require __DIR__ . '/helper.inc';
$co = sbx_company();
$c = sbx_t_customer($co, 'Stale Co');
$u1 = sbx_api($co, 'POST', 'customer', ['Id' => $c['Id'], 'SyncToken' => '0', 'sparse' => true, 'Notes' => 'first']);
echo $u1['status'], ' SyncToken=', $u1['json']['Customer']['SyncToken'], "\n";
$u2 = sbx_api($co, 'POST', 'customer', ['Id' => $c['Id'], 'SyncToken' => '0', 'sparse' => true, 'Notes' => 'second']);
echo sbx_fault_line($u2), "\n";
$g = sbx_api($co, 'GET', 'customer/' . $c['Id']);
echo $g['json']['Customer']['Notes'], ' ', $g['json']['Customer']['SyncToken'], "\n";
?>
--EXPECT--
200 SyncToken=1
400 ValidationFault 5010 Stale Object Error | Stale Object Error : You and Sandbox Developer were working on this at the same time. Sandbox Developer finished before you did, so your work was not saved. | 
first 1
