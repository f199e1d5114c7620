--TEST--
An invoice status must be one of draft, unpaid, paid, cancelled, refunded, collections (missing or other values refused); nothing is recorded
--FILE--
<?php
require __DIR__ . '/map.inc';
[$conn, $realm, $options] = qbo_test_connect();
map_test_refused($conn, 'invoice', map_test_invoice(['status' => 'Open']));
$doc = map_test_invoice();
unset($doc['status']);
map_test_refused($conn, 'invoice', $doc);
map_test_recorded($conn, $options);
foreach (['draft', 'unpaid', 'paid', 'cancelled', 'refunded', 'collections'] as $n => $status) {
    qbo_push($conn, 'invoice', map_test_invoice(['id' => 2000 + $n, 'status' => $status]), QBO_QUEUE_ONLY);
    echo $status, ': ', map_test_stored_doc($options, 'invoice', (string)(2000 + $n))['status'], "\n";
}
?>
--EXPECT--
QboSync\ValidationException
Invoice 1042: status "Open" is not one of draft, unpaid, paid, cancelled, refunded, collections; send one of those
kind=invoice recordId=1042 field=status
QboSync\ValidationException
Invoice 1042: status is missing; send one of draft, unpaid, paid, cancelled, refunded, collections
kind=invoice recordId=1042 field=status
qbo_entities: 0, store entity rows: 0, store outbox rows: 0
draft: draft
unpaid: unpaid
paid: paid
cancelled: cancelled
refunded: refunded
collections: collections
