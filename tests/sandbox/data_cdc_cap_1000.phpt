--TEST--
Sandbox data: CDC returns at most 1000 objects in all
--FILE--
<?php
require __DIR__ . '/helper.inc';
$co = sbx_company();
sleep(1);
$since = date('c');
for ($k = 0; $k < 34; $k++) {
    $items = [];
    for ($i = 1; $i <= 30; $i++) {
        $items[] = ['bId' => "$i", 'operation' => 'create', 'Customer' => ['DisplayName' => "Cap $k-$i"]];
    }
    sbx_api($co, 'POST', 'batch', ['BatchItemRequest' => $items]);
}
$r = sbx_api($co, 'GET', 'cdc', null, ['entities' => 'Customer,Invoice', 'changedSince' => $since]);
$q = $r['json']['CDCResponse'][0]['QueryResponse'];
echo $r['status'], ' customers=', count($q[0]['Customer']), ' invoice entry=', json_encode($q[1]), "\n";
echo sbx_query($co, "select count(*) from Customer")['json']['QueryResponse']['totalCount'], "\n";
?>
--EXPECT--
200 customers=1000 invoice entry=[]
1023
