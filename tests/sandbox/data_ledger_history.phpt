--TEST--
Sandbox data: The ledger keeps every version and change event of an entity
--FILE--
<?php
require __DIR__ . '/helper.inc';
$co = sbx_company();
$c = sbx_t_customer($co, 'History Co');
$u = sbx_api($co, 'POST', 'customer', ['Id' => $c['Id'], 'SyncToken' => '0', 'sparse' => true, 'Notes' => 'v1'])['json']['Customer'];
sbx_api($co, 'POST', 'customer', ['Id' => $c['Id'], 'SyncToken' => $u['SyncToken'], 'sparse' => true, 'Notes' => 'v2']);
sbx_api($co, 'POST', 'customer', ['Id' => $c['Id'], 'SyncToken' => '0', 'sparse' => true, 'Notes' => 'stale']);
$e = sbx_ledger_entity($co, 'Customer', $c['Id']);
foreach ($e['versions'] as $v) {
    echo $v['SyncToken'], ' ', $v['operation'], ' ', $v['data']['Notes'] ?? '-', "\n";
}
echo implode(',', array_column($e['changes'], 'operation')), ' current=', $e['SyncToken'], "\n";
?>
--EXPECT--
0 Create -
1 Update v1
2 Update v2
Create,Update,Update current=2
