--TEST--
Sandbox data: Without MAXRESULTS a query returns at most 100 rows
--FILE--
<?php
require __DIR__ . '/helper.inc';
$co = sbx_company();
$items = [];
for ($i = 1; $i <= 30; $i++) {
    $items[] = ['bId' => "$i", 'operation' => 'create', 'Customer' => ['DisplayName' => "Many $i"]];
}
for ($k = 0; $k < 4; $k++) {
    $batch = array_map(fn($it) => ['bId' => $it['bId'], 'operation' => 'create', 'Customer' => ['DisplayName' => $it['Customer']['DisplayName'] . "-$k"]], $items);
    sbx_api($co, 'POST', 'batch', ['BatchItemRequest' => $batch]);
}
$r = sbx_query($co, "select * from Customer")['json']['QueryResponse'];
echo count($r['Customer']), ' ', $r['maxResults'], ' ', $r['startPosition'], "\n";
echo sbx_query($co, "select count(*) from Customer")['json']['QueryResponse']['totalCount'], "\n";
?>
--EXPECT--
100 100 1
123
