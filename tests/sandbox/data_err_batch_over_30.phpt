--TEST--
Sandbox data: A batch of 31 items is rejected with HTTP 400 and nothing is created
--FILE--
<?php
require __DIR__ . '/helper.inc';
$co = sbx_company();
$items = [];
for ($i = 1; $i <= 31; $i++) {
    $items[] = ['bId' => "b$i", 'operation' => 'create', 'Customer' => ['DisplayName' => "Batch $i"]];
}
$r = sbx_api($co, 'POST', 'batch', ['BatchItemRequest' => $items]);
echo sbx_fault_line($r), "\n";
$q = sbx_query($co, "select count(*) from Customer where DisplayName like 'Batch %'");
echo 'count=', $q['json']['QueryResponse']['totalCount'], "\n";
?>
--EXPECT--
400 ValidationFault 400 MalformedRequest | Batch Request contains 31 BatchItemRequest elements; the maximum is 30 | 
count=0
