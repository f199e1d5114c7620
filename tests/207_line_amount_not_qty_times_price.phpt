--TEST--
An invoice line whose amount is not quantity x unit price (rounded half away from zero) is refused
--FILE--
<?php
require __DIR__ . '/map.inc';
[$conn, $realm, $options] = qbo_test_connect();
map_test_refused($conn, 'invoice', map_test_invoice(['lines' => [
    ['description' => 'Hosting', 'amount' => '88.00'],
    ['description' => 'Support', 'quantity' => '1.5', 'unit_price' => '8.00', 'amount' => '10.00'],
], 'subtotal' => '98.00', 'total' => '98.00']));
/* 0.5 x 3.33 = 1.665 rounds half away from zero to 1.67, not 1.66 */
map_test_refused($conn, 'invoice', map_test_invoice(['lines' => [
    ['description' => 'Half', 'quantity' => '0.5', 'unit_price' => '3.33', 'amount' => '1.66'],
], 'subtotal' => '1.66', 'total' => '1.66']));
map_test_recorded($conn, $options);
$state = qbo_push($conn, 'invoice', map_test_invoice(['lines' => [
    ['description' => 'Half', 'quantity' => '0.5', 'unit_price' => '3.33', 'amount' => '1.67'],
], 'subtotal' => '1.67', 'total' => '1.67']), QBO_QUEUE_ONLY);
echo $state['kind'], ' ', $state['id'], ' recorded', "\n";
?>
--EXPECT--
QboSync\ValidationException
Invoice 1042: lines[1].amount is 10.00 but quantity x unit_price is 12.00; send the line total or fix the price
kind=invoice recordId=1042 field=lines[1].amount
QboSync\ValidationException
Invoice 1042: lines[0].amount is 1.66 but quantity x unit_price is 1.67; send the line total or fix the price
kind=invoice recordId=1042 field=lines[0].amount
qbo_entities: 0, store entity rows: 0, store outbox rows: 0
invoice 1042 recorded
