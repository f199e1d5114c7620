--TEST--
A payment applied to invoices for more than its amount is refused; nothing is recorded
--FILE--
<?php
require __DIR__ . '/map.inc';
[$conn, $realm, $options] = qbo_test_connect();
map_test_refused($conn, 'payment', ['id' => 77, 'customer' => 17, 'date' => '2026-11-23', 'amount' => '100.00',
    'method' => 'stripe', 'applies_to' => [['invoice' => 1042, 'amount' => '60.00'], ['invoice' => 1043, 'amount' => '40.01']]]);
map_test_recorded($conn, $options);
$state = qbo_push($conn, 'payment', ['id' => 77, 'customer' => 17, 'date' => '2026-11-23', 'amount' => '100.00',
    'method' => 'stripe', 'reference' => 'ch_3PqXyZ2eZvKYlo2C1Abcdefgh',
    'applies_to' => [['invoice' => 1042, 'amount' => '60.00'], ['invoice' => 1043, 'amount' => '39.00']]], QBO_QUEUE_ONLY);
$doc = map_test_stored_doc($options, 'payment', '77');
echo "recorded: amount ", $doc['amount'], ", applied ", $doc['applies_to'][0]['amount'] + $doc['applies_to'][1]['amount'], ", reference ", $doc['reference'], "\n";
?>
--EXPECT--
QboSync\ValidationException
Payment 77: applies_to adds up to 100.01 but the payment amount is 100.00; apply at most the payment amount
kind=payment recordId=77 field=applies_to
qbo_entities: 0, store entity rows: 0, store outbox rows: 0
recorded: amount 10000, applied 9900, reference ch_3PqXyZ2eZvKYlo2C1Abcdefgh
