--TEST--
Sandbox data: ORDERBY asc / desc
--FILE--
<?php
require __DIR__ . '/helper.inc';
$co = sbx_company();
foreach (['Mango', 'apple', 'Kiwi'] as $n) {
    sbx_t_customer($co, "Fruit $n");
}
foreach (['asc', 'desc'] as $d) {
    $r = sbx_query($co, "select * from Customer where DisplayName like 'Fruit%' orderby DisplayName $d")['json']['QueryResponse'];
    echo $d, ': ', implode(', ', array_column($r['Customer'], 'DisplayName')), "\n";
}
?>
--EXPECT--
asc: Fruit apple, Fruit Kiwi, Fruit Mango
desc: Fruit Mango, Fruit Kiwi, Fruit apple
