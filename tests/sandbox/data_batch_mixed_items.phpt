--TEST--
Sandbox data: Batch with create, query, a failing item and an update: HTTP 200, per-item results
--FILE--
<?php
require __DIR__ . '/helper.inc';
$co = sbx_company();
$c = sbx_t_customer($co, 'Batch Base');
$r = sbx_api($co, 'POST', 'batch', ['BatchItemRequest' => [
    ['bId' => '1', 'operation' => 'create', 'Customer' => ['DisplayName' => 'Batch New']],
    ['bId' => '2', 'Query' => "select * from Customer where DisplayName = 'Batch Base'"],
    ['bId' => '3', 'operation' => 'create', 'Customer' => ['DisplayName' => 'batch base']],
    ['bId' => '4', 'operation' => 'update', 'Customer' => ['Id' => $c['Id'], 'SyncToken' => '0', 'sparse' => true, 'Notes' => 'via batch']],
]]);
echo $r['status'], "\n";
foreach ($r['json']['BatchItemResponse'] as $it) {
    $k = array_values(array_diff(array_keys($it), ['bId']))[0];
    $extra = match ($k) {
        'Customer' => $it['Customer']['DisplayName'] . ' sync ' . $it['Customer']['SyncToken'],
        'QueryResponse' => count($it['QueryResponse']['Customer']) . ' row',
        'Fault' => $it['Fault']['type'] . ' ' . $it['Fault']['Error'][0]['code'],
    };
    echo $it['bId'], ' ', $k, ' ', $extra, "\n";
}
?>
--EXPECT--
200
1 Customer Batch New sync 0
2 QueryResponse 1 row
3 Fault ValidationFault 6240
4 Customer Batch Base sync 1
