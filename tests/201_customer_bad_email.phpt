--TEST--
A customer with an invalid email address is refused with the address quoted; nothing is recorded
--FILE--
<?php
require __DIR__ . '/map.inc';
[$conn, $realm, $options] = qbo_test_connect();
map_test_refused($conn, 'customer', ['id' => 17, 'email' => 'jane@', 'first_name' => 'Jane', 'last_name' => 'Doe']);
map_test_refused($conn, 'customer', ['id' => '18', 'email' => 'jane doe@example.com', 'company' => 'Doe Ltd']);
map_test_refused($conn, 'customer', ['id' => 19, 'first_name' => 'Jane']);
map_test_recorded($conn, $options);
?>
--EXPECT--
QboSync\ValidationException
Customer 17: email "jane@" is not a valid address; fix it in the billing system
kind=customer recordId=17 field=email
QboSync\ValidationException
Customer 18: email "jane doe@example.com" is not a valid address; fix it in the billing system
kind=customer recordId=18 field=email
QboSync\ValidationException
Customer 19: email is missing; add the customer's email address in the billing system (QuickBooks invoices need it)
kind=customer recordId=19 field=email
qbo_entities: 0, store entity rows: 0, store outbox rows: 0
