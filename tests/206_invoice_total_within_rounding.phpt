--TEST--
Invoice totals within one minor unit per line of the lines are accepted; the document's total wins and the difference goes to a quantity-1 line
--FILE--
<?php
require __DIR__ . '/map.inc';
[$conn, $realm, $options] = qbo_test_connect();
$doc = map_test_invoice([
    'lines' => [
        ['description' => 'A', 'quantity' => '3', 'unit_price' => '1.11', 'amount' => '3.33'],
        ['description' => 'B', 'amount' => '3.33'],
        ['description' => 'C', 'amount' => '3.33'],
    ],
    'subtotal' => '10.00', 'tax_total' => '0', 'total' => '10.00',
]);
$state = qbo_push($conn, 'invoice', $doc, QBO_QUEUE_ONLY);
echo $state['kind'], ' ', $state['id'], ' ', $state['state'], "\n";
$stored = map_test_stored_doc($options, 'invoice', '1042');
echo "line amounts: ", implode(', ', array_column($stored['lines'], 'amount')), "\n";
echo "sum: ", array_sum(array_column($stored['lines'], 'amount')), " total: ", $stored['total'], "\n";
/* one cent more than the three lines allow */
map_test_refused($conn, 'invoice', map_test_invoice(['id' => 1043, 'lines' => $doc['lines'], 'subtotal' => '10.00', 'tax_total' => '0', 'total' => '10.03']));
map_test_recorded($conn, $options);
?>
--EXPECT--
invoice 1042 Not Tried
line amounts: 333, 334, 333
sum: 1000 total: 1000
QboSync\ValidationException
Invoice 1043: total is 10.03 but the lines and taxes add up to 9.99; send totals that match the lines
kind=invoice recordId=1043 field=total
qbo_entities: 1, store entity rows: 1, store outbox rows: 1
