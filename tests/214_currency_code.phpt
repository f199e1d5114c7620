--TEST--
Currency codes are three letters (upper-cased when given lower-case) and set the money decimals: JPY has none, BHD three
--FILE--
<?php
require __DIR__ . '/map.inc';
[$conn, $realm, $options] = qbo_test_connect();
map_test_refused($conn, 'invoice', map_test_invoice(['currency' => 'US$']));
map_test_refused($conn, 'invoice', map_test_invoice(['currency' => 'JPY', 'lines' => [['description' => 'Plan', 'amount' => '1200.50']],
    'subtotal' => '1200.50', 'total' => '1200.50', 'tax_total' => '0']));
map_test_refused($conn, 'payment', ['id' => 77, 'customer' => 17, 'date' => '2026-11-23', 'amount' => '10.0005',
    'method' => 'bank', 'currency' => 'bhd']);
map_test_recorded($conn, $options);
qbo_push($conn, 'invoice', map_test_invoice(['currency' => 'jpy', 'lines' => [['description' => 'Plan', 'quantity' => '3', 'unit_price' => '1200']],
    'subtotal' => '3600', 'total' => '3600', 'tax_total' => '0']), QBO_QUEUE_ONLY);
$doc = map_test_stored_doc($options, 'invoice', '1042');
echo "JPY invoice: currency ", $doc['currency'], ", total ", $doc['total'], " (yen), line amount ", $doc['lines'][0]['amount'], "\n";
qbo_push($conn, 'payment', ['id' => 78, 'customer' => 17, 'date' => '2026-11-23', 'amount' => '10.125',
    'method' => 'bank', 'currency' => 'BHD'], QBO_QUEUE_ONLY);
echo "BHD payment: ", map_test_stored_doc($options, 'payment', '78')['amount'], " fils\n";
?>
--EXPECT--
QboSync\ValidationException
Invoice 1042: currency "US$" is not an ISO 4217 code; send three letters like "USD"
kind=invoice recordId=1042 field=currency
QboSync\ValidationException
Invoice 1042: lines[0].amount "1200.50" has decimals but the currency has none (JPY); send whole amounts, e.g. "1200"
kind=invoice recordId=1042 field=lines[0].amount
QboSync\ValidationException
Payment 77: amount "10.0005" has more than 3 decimals (BHD); send at most 3 decimals, e.g. "10.125"
kind=payment recordId=77 field=amount
qbo_entities: 0, store entity rows: 0, store outbox rows: 0
JPY invoice: currency JPY, total 3600 (yen), line amount 3600
BHD payment: 10125 fils
