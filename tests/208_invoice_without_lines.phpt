--TEST--
An invoice without lines (missing or empty) is refused; nothing is recorded
--FILE--
<?php
require __DIR__ . '/map.inc';
[$conn, $realm, $options] = qbo_test_connect();
$doc = map_test_invoice(['lines' => []]);
map_test_refused($conn, 'invoice', $doc);
unset($doc['lines']);
map_test_refused($conn, 'invoice', $doc);
map_test_recorded($conn, $options);
?>
--EXPECT--
QboSync\ValidationException
Invoice 1042: lines is empty; an invoice needs at least one line
kind=invoice recordId=1042 field=lines
QboSync\ValidationException
Invoice 1042: lines is missing; an invoice needs at least one line
kind=invoice recordId=1042 field=lines
qbo_entities: 0, store entity rows: 0, store outbox rows: 0
