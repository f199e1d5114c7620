--TEST--
Money as a float is accepted only when its shortest form has no more decimals than the currency allows: 10.99 yes, 0.1+0.2 and 10.999 no
--FILE--
<?php
require __DIR__ . '/map.inc';
[$conn, $realm, $options] = qbo_test_connect();
map_test_refused($conn, 'item', ['id' => 'p1', 'name' => 'Hosting', 'price' => 0.1 + 0.2]);
map_test_refused($conn, 'item', ['id' => 'p1', 'name' => 'Hosting', 'price' => 10.999]);
map_test_refused($conn, 'item', ['id' => 'p1', 'name' => 'Hosting', 'price' => '10.999']);
map_test_recorded($conn, $options);
$state = qbo_push($conn, 'item', ['id' => 'p1', 'name' => 'Hosting', 'price' => 10.99], QBO_QUEUE_ONLY);
echo $state['kind'], ' ', $state['id'], ' ', $state['state'], "\n";
echo "stored price: ", var_export(map_test_stored_doc($options, 'item', 'p1')['price'], true), "\n";
$state = qbo_push($conn, 'item', ['id' => 'p2', 'name' => 'Setup', 'price' => 0.30], QBO_QUEUE_ONLY);
echo "stored price: ", var_export(map_test_stored_doc($options, 'item', 'p2')['price'], true), "\n";
map_test_recorded($conn, $options);
?>
--EXPECT--
QboSync\ValidationException
Item p1: price 0.30000000000000004 (a float) has more than 2 decimals (USD); send money as a decimal string with at most 2 decimals, e.g. "10.99"
kind=item recordId=p1 field=price
QboSync\ValidationException
Item p1: price 10.999 (a float) has more than 2 decimals (USD); send money as a decimal string with at most 2 decimals, e.g. "10.99"
kind=item recordId=p1 field=price
QboSync\ValidationException
Item p1: price "10.999" has more than 2 decimals (USD); send at most 2 decimals, e.g. "10.99"
kind=item recordId=p1 field=price
qbo_entities: 0, store entity rows: 0, store outbox rows: 0
item p1 Not Tried
stored price: 1099
stored price: 30
qbo_entities: 2, store entity rows: 2, store outbox rows: 2
