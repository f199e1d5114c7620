--TEST--
A customer's address country must be a two-letter ISO 3166-1 code (upper-cased); an unknown address field is refused
--FILE--
<?php
require __DIR__ . '/map.inc';
[$conn, $realm, $options] = qbo_test_connect();
map_test_refused($conn, 'customer', ['id' => 17, 'email' => 'jane@example.com', 'first_name' => 'Jane',
    'address' => ['city' => 'Toronto', 'country' => 'Canada']]);
map_test_refused($conn, 'customer', ['id' => 17, 'email' => 'jane@example.com', 'first_name' => 'Jane',
    'address' => ['city' => 'Toronto', 'zip' => 'M5V 2T6']]);
map_test_recorded($conn, $options);
qbo_push($conn, 'customer', ['id' => 17, 'email' => 'jane@example.com', 'first_name' => 'Jane',
    'address' => ['city' => 'Toronto', 'postal_code' => 'M5V 2T6', 'country' => 'ca']], QBO_QUEUE_ONLY);
echo "stored address: ", json_encode(map_test_stored_doc($options, 'customer', '17')['address']), "\n";
?>
--EXPECT--
QboSync\ValidationException
Customer 17: address.country "Canada" is not a two-letter ISO 3166-1 code; send a code like "US" or "GB"
kind=customer recordId=17 field=address.country
QboSync\ValidationException
Customer 17: unknown field "zip" in address (did you mean "postal_code"?); fix the field name or remove it
kind=customer recordId=17 field=address.zip
qbo_entities: 0, store entity rows: 0, store outbox rows: 0
stored address: {"city":"Toronto","postal_code":"M5V 2T6","country":"CA"}
