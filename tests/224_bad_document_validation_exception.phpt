--TEST--
Every bad document ends in QboSync\ValidationException naming the record and the field, with valid UTF-8 in the message: NUL bytes, INF/NaN, recursion, nesting deeper than 64, resources, closures, a list, an id or kind that is not UTF-8; nothing is recorded
--FILE--
<?php
require __DIR__ . '/qbo.inc';
$c = qbo_connect(['store' => qbo_test_store(), 'client_id' => 'books224', 'delivery' => 'worker']);
$f = fopen('php://memory', 'r');
$rec = ['id' => 'r1', 'email' => 'a@b.c']; $rec['self'] = &$rec;
$deep = 'x'; for ($i = 0; $i < 70; $i++) { $deep = ['a' => $deep]; }
$obj = new stdClass; $obj->me = $obj;
$cases = [
    ['customer', 'nul in a name', ['id' => '17', 'email' => 'a@b.c', 'first_name' => "Ann\0Lee"]],
    ['customer', 'nul in the id', ['id' => "1\0 DROP", 'email' => 'a@b.c', 'first_name' => 'Ann']],
    ['invoice', 'INF money', ['id' => 'i1', 'customer' => '17', 'lines' => [['amount' => INF]]]],
    ['invoice', 'NaN quantity', ['id' => 'i2', 'customer' => '17', 'lines' => [['amount' => '1.00', 'quantity' => NAN]]]],
    ['customer', 'recursion', $rec],
    ['customer', 'recursive object', ['id' => 'r2', 'address' => $obj]],
    ['invoice', 'depth 70', ['id' => 'i3', 'customer' => '17', 'lines' => [$deep]]],
    ['invoice', 'resource', ['id' => 'i4', 'customer' => '17', 'lines' => [['item' => '5', 'note' => $f]]]],
    ['customer', 'closure', ['id' => 'c9', 'fetch' => fn() => 1]],
    ['customer', 'a list', [['id' => '1'], ['id' => '2']]],
    ['customer', 'id not UTF-8', ['id' => "ab\xFFcd", 'email' => 'a@b.c', 'first_name' => 'Ann']],
    ["cus\xFEtomer", 'kind not UTF-8', ['id' => '5']],
];
foreach ($cases as [$kind, $what, $doc]) {
    try {
        qbo_push($c, $kind, $doc);
        echo "$what: accepted\n";
    } catch (QboSync\Exception $e) {
        printf("%s: %s [%s] kind=%s recordId=%s field=%s utf8=%s\n", $what, get_class($e), $e->getMessage(),
            $e->kind, $e->recordId, $e->field, var_export(preg_match('//u', $e->getMessage()) === 1, true));
    }
}
var_dump(qbo_status($c)['queued'], count(qbo_entities($c)));
unset($cases, $doc, $rec, $obj);
gc_collect_cycles();
?>
--EXPECT--
nul in a name: QboSync\ValidationException [Customer 17: first_name contains a NUL byte at position 3; remove it in the billing system] kind=customer recordId=17 field=first_name utf8=true
nul in the id: QboSync\ValidationException [Customer: id contains a NUL byte at position 1; remove it in the billing system] kind=customer recordId= field=id utf8=true
INF money: QboSync\ValidationException [Invoice i1: lines[0].amount is an infinite or NaN float; send money as a decimal string like "10.99" and quantities like "1.5"] kind=invoice recordId=i1 field=lines[0].amount utf8=true
NaN quantity: QboSync\ValidationException [Invoice i2: lines[0].quantity is an infinite or NaN float; send money as a decimal string like "10.99" and quantities like "1.5"] kind=invoice recordId=i2 field=lines[0].quantity utf8=true
recursion: QboSync\ValidationException [Customer r1: self is a recursive reference (an array that contains itself); send plain values, not references to the document] kind=customer recordId=r1 field=self utf8=true
recursive object: QboSync\ValidationException [Customer r2: address.me is a recursive reference (an object that contains itself); send plain values, not references to the document] kind=customer recordId=r2 field=address.me utf8=true
depth 70: QboSync\ValidationException [Invoice i3: lines[0].a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a is an array nested deeper than 64 levels; send the document's fields as the canonical shapes have them (a few levels deep)] kind=invoice recordId=i3 field=lines[0].a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a. utf8=true
resource: QboSync\ValidationException [Invoice i4: lines[0].note is a value of type resource; send plain values (strings, numbers, arrays)] kind=invoice recordId=i4 field=lines[0].note utf8=true
closure: QboSync\ValidationException [Customer c9: fetch is an object of class Closure; send plain values (strings, numbers, arrays)] kind=customer recordId=c9 field=fetch utf8=true
a list: QboSync\ValidationException [Customer: the document is a list, not an array of fields; send the customer as an array with an id] kind=customer recordId= field= utf8=true
id not UTF-8: QboSync\ValidationException [Customer: id "ab\xFFcd" is not valid UTF-8 (byte 0xFF at position 2); send the id encoded as UTF-8] kind=customer recordId= field=id utf8=true
kind not UTF-8: QboSync\ValidationException [Unknown record kind "cus\xFEtomer"; send one of customer, item, invoice, payment, refund, credit, writeoff] kind= recordId= field=kind utf8=true
int(0)
int(0)
