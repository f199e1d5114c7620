--TEST--
Ids are non-empty strings (ints accepted) of at most 64 characters; a longer or missing id is refused with the kind named
--FILE--
<?php
require __DIR__ . '/map.inc';
[$conn, $realm, $options] = qbo_test_connect();
map_test_refused($conn, 'customer', ['id' => str_repeat('c', 65), 'email' => 'jane@example.com', 'first_name' => 'Jane']);
map_test_refused($conn, 'invoice', map_test_invoice(['customer' => str_repeat('9', 70)]));
map_test_refused($conn, 'customer', ['email' => 'jane@example.com', 'first_name' => 'Jane']);
map_test_refused($conn, 'customer', ['id' => '', 'email' => 'jane@example.com', 'first_name' => 'Jane']);
map_test_recorded($conn, $options);
$state = qbo_push($conn, 'customer', ['id' => str_repeat('c', 64), 'email' => 'jane@example.com', 'first_name' => 'Jane'], QBO_QUEUE_ONLY);
echo "64 characters: ", strlen($state['id']), "\n";
?>
--EXPECT--
QboSync\ValidationException
Customer: id "cccccccccccccccccccccccccccccccccccccccc..." is 65 characters long but at most 64 are allowed; use a shorter id
kind=customer recordId= field=id
QboSync\ValidationException
Invoice 1042: customer "9999999999999999999999999999999999999999..." is 70 characters long but at most 64 are allowed; use a shorter customer id
kind=invoice recordId=1042 field=customer
QboSync\ValidationException
Customer: id is missing; send the customer's id in the billing system
kind=customer recordId= field=id
QboSync\ValidationException
Customer: id is empty; send the id as the billing system knows it
kind=customer recordId= field=id
qbo_entities: 0, store entity rows: 0, store outbox rows: 0
64 characters: 64
