--TEST--
A mistyped field name is refused (a typo must not silently drop data), with a suggestion, also inside lines; nothing is recorded
--FILE--
<?php
require __DIR__ . '/map.inc';
[$conn, $realm, $options] = qbo_test_connect();
map_test_refused($conn, 'customer', ['id' => 17, 'emial' => 'jane@example.com', 'first_name' => 'Jane']);
map_test_refused($conn, 'invoice', map_test_invoice(['lines' => [['description' => 'Hosting', 'qty' => 1, 'amount' => '100.00']]]));
map_test_refused($conn, 'customer', ['id' => 17, 'email' => 'jane@example.com', 'first_name' => 'Jane', 'shoe_size' => 9]);
map_test_recorded($conn, $options);
?>
--EXPECT--
QboSync\ValidationException
Customer 17: unknown field "emial" (did you mean "email"?); fix the field name or remove it
kind=customer recordId=17 field=emial
QboSync\ValidationException
Invoice 1042: unknown field "qty" in lines[0] (did you mean "quantity"?); fix the field name or remove it
kind=invoice recordId=1042 field=lines[0].qty
QboSync\ValidationException
Customer 17: unknown field "shoe_size"; remove it (the fields are: id, email, first_name, last_name, company, display_name, phone, address, currency, tax_exempt, created)
kind=customer recordId=17 field=shoe_size
qbo_entities: 0, store entity rows: 0, store outbox rows: 0
