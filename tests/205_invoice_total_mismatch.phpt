--TEST--
Invoice totals that differ from the lines by more than one minor unit per line are refused; nothing is recorded
--FILE--
<?php
require __DIR__ . '/map.inc';
[$conn, $realm, $options] = qbo_test_connect();
map_test_refused($conn, 'invoice', map_test_invoice(['total' => '110.00']));
map_test_refused($conn, 'invoice', map_test_invoice(['subtotal' => '99.97']));
map_test_refused($conn, 'invoice', map_test_invoice(['taxes' => [['tax' => 'vat', 'rate' => '10', 'amount' => '10.00']],
    'tax_total' => '10.05', 'total' => '110.05']));
map_test_recorded($conn, $options);
?>
--EXPECT--
QboSync\ValidationException
Invoice 1042: total is 110.00 but the lines and taxes add up to 100.00; send totals that match the lines
kind=invoice recordId=1042 field=total
QboSync\ValidationException
Invoice 1042: subtotal is 99.97 but the lines add up to 100.00; send totals that match the lines
kind=invoice recordId=1042 field=subtotal
QboSync\ValidationException
Invoice 1042: tax_total is 10.05 but the taxes add up to 10.00; send a tax_total that matches the taxes
kind=invoice recordId=1042 field=tax_total
qbo_entities: 0, store entity rows: 0, store outbox rows: 0
