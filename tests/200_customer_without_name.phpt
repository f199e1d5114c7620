--TEST--
A customer with neither a first/last name nor a company is refused, naming the record and the fix; nothing is recorded
--FILE--
<?php
require __DIR__ . '/map.inc';
[$conn, $realm, $options] = qbo_test_connect();
map_test_refused($conn, 'customer', ['id' => 17, 'email' => 'jane@example.com', 'first_name' => '  ', 'company' => '']);
map_test_recorded($conn, $options);
?>
--EXPECT--
QboSync\ValidationException
Customer 17: first_name, last_name and company are all missing or empty; add a name or a company name in the billing system
kind=customer recordId=17 field=first_name
qbo_entities: 0, store entity rows: 0, store outbox rows: 0
