--TEST--
Invalid UTF-8 anywhere in a document (top level or nested) is refused with its position; nothing is recorded
--FILE--
<?php
require __DIR__ . '/map.inc';
[$conn, $realm, $options] = qbo_test_connect();
map_test_refused($conn, 'customer', ['id' => 17, 'email' => 'jose@example.com', 'first_name' => "Jos\xE9"]);
map_test_refused($conn, 'customer', ['id' => 17, 'email' => 'jose@example.com', 'first_name' => 'Jose',
    'address' => ['city' => "S\xC3o Paulo"]]);
map_test_refused($conn, 'invoice', map_test_invoice(['lines' => [['description' => "Caf\xE9 \xC3\xA9", 'amount' => '100.00']]]));
map_test_recorded($conn, $options);
?>
--EXPECT--
QboSync\ValidationException
Customer 17: first_name is not valid UTF-8 (byte 0xE9 at position 3); send the text encoded as UTF-8
kind=customer recordId=17 field=first_name
QboSync\ValidationException
Customer 17: address.city is not valid UTF-8 (byte 0xC3 at position 1); send the text encoded as UTF-8
kind=customer recordId=17 field=address.city
QboSync\ValidationException
Invoice 1042: lines[0].description is not valid UTF-8 (byte 0xE9 at position 3); send the text encoded as UTF-8
kind=invoice recordId=1042 field=lines[0].description
qbo_entities: 0, store entity rows: 0, store outbox rows: 0
