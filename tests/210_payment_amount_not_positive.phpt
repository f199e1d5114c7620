--TEST--
A payment of zero or a negative amount is refused; nothing is recorded
--FILE--
<?php
require __DIR__ . '/map.inc';
[$conn, $realm, $options] = qbo_test_connect();
map_test_refused($conn, 'payment', ['id' => 77, 'customer' => 17, 'date' => '2026-11-23', 'amount' => '0.00', 'method' => 'stripe']);
map_test_refused($conn, 'payment', ['id' => 77, 'customer' => 17, 'date' => '2026-11-23', 'amount' => -25, 'method' => 'stripe']);
map_test_recorded($conn, $options);
?>
--EXPECT--
QboSync\ValidationException
Payment 77: amount is 0.00; a payment amount must be greater than zero (send refunds as refunds)
kind=payment recordId=77 field=amount
QboSync\ValidationException
Payment 77: amount is -25.00; a payment amount must be greater than zero (send refunds as refunds)
kind=payment recordId=77 field=amount
qbo_entities: 0, store entity rows: 0, store outbox rows: 0
