--TEST--
An item needs a name of at most 100 characters (':' removed, as QBO refuses it) and a type of service or non_inventory
--FILE--
<?php
require __DIR__ . '/map.inc';
[$conn, $realm, $options] = qbo_test_connect();
map_test_refused($conn, 'item', ['id' => 'p1', 'name' => str_repeat('Hosting ', 13)]);
map_test_refused($conn, 'item', ['id' => 'p1', 'name' => 'Hosting', 'type' => 'inventory']);
map_test_refused($conn, 'item', ['id' => 'p1', 'price' => '10.00']);
map_test_recorded($conn, $options);
qbo_push($conn, 'item', ['id' => 'p1', 'name' => 'Hosting: Basic plan', 'type' => 'non_inventory', 'price' => '9.99'], QBO_QUEUE_ONLY);
echo "stored: ", json_encode(map_test_stored_doc($options, 'item', 'p1')), "\n";
?>
--EXPECT--
QboSync\ValidationException
Item p1: name "Hosting Hosting Hosting Hosting Hosting ..." is 103 characters long but QuickBooks allows at most 100; shorten it or map the item to an existing QuickBooks item
kind=item recordId=p1 field=name
QboSync\ValidationException
Item p1: type "inventory" is not "service" or "non_inventory"; send one of those
kind=item recordId=p1 field=type
QboSync\ValidationException
Item p1: name is missing; send the product or service name
kind=item recordId=p1 field=name
qbo_entities: 0, store entity rows: 0, store outbox rows: 0
stored: {"id":"p1","name":"Hosting Basic plan","type":"non_inventory","price":999}
