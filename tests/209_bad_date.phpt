--TEST--
Dates must be real calendar dates written YYYY-MM-DD
--FILE--
<?php
require __DIR__ . '/map.inc';
[$conn, $realm, $options] = qbo_test_connect();
map_test_refused($conn, 'invoice', map_test_invoice(['date' => '2026-02-29']));
map_test_refused($conn, 'invoice', map_test_invoice(['due' => '23/11/2026']));
map_test_refused($conn, 'payment', ['id' => 77, 'customer' => 17, 'date' => '2026-11-31', 'amount' => '10.00', 'method' => 'stripe']);
map_test_recorded($conn, $options);
$state = qbo_push($conn, 'invoice', map_test_invoice(['date' => '2028-02-29', 'due' => '2028-03-14']), QBO_QUEUE_ONLY);
echo $state['kind'], ' ', $state['id'], ' recorded with date ', map_test_stored_doc($options, 'invoice', '1042')['date'], "\n";
?>
--EXPECT--
QboSync\ValidationException
Invoice 1042: date "2026-02-29" is not a real calendar date; send the invoice date as YYYY-MM-DD
kind=invoice recordId=1042 field=date
QboSync\ValidationException
Invoice 1042: due "23/11/2026" is not a date in the form YYYY-MM-DD; send the due date as YYYY-MM-DD
kind=invoice recordId=1042 field=due
QboSync\ValidationException
Payment 77: date "2026-11-31" is not a real calendar date; send the payment date as YYYY-MM-DD
kind=payment recordId=77 field=date
qbo_entities: 0, store entity rows: 0, store outbox rows: 0
invoice 1042 recorded with date 2028-02-29
