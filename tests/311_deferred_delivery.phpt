--TEST--
Deferred mode: qbo_push records and returns at once (queued); the delivery runs at request end
--FILE--
<?php
require __DIR__ . '/engine.inc';
[$conn, $realm, $opts] = qbo_test_connect();
unset($conn);
$child = eng_child_start(['opts' => ['delivery' => 'deferred'] + $opts, 'mode' => 'push', 'docs' => [
    ['customer', eng_customer('3', 'Dee', 'Fer', 'dee@example.com')],
    ['invoice', eng_invoice('4', '3', '19.99', 'DF-4')],
]]);
[$code, $out, $err] = eng_child_wait($child);
echo "child exit $code", $err !== '' ? " stderr: $err" : '', "\n";
echo $out;
$conn = qbo_connect($opts);
foreach (qbo_entities($conn) as $e) {
    echo "after request end: {$e['kind']} {$e['id']} {$e['state']}\n";
}
echo "QBO: customer ", eng_qbo_count($realm, 'Customer', 'DisplayName', 'Dee Fer'), ", invoice ", eng_qbo_count($realm, 'Invoice', 'DocNumber', 'DF-4'), "\n";
?>
--EXPECT--
child exit 0
{"kind":"customer","id":"3","state":"Not Tried","queued":true}
{"kind":"invoice","id":"4","state":"Not Tried","queued":true}
after request end: customer 3 Synced
after request end: invoice 4 Synced
QBO: customer 1, invoice 1
