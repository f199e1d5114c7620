--TEST--
qbo_push() refuses documents that cannot become JSON with QboSync\ValidationException naming the record and the path, before recording anything (a bad flags argument stays a ValueError)
--FILE--
<?php
require __DIR__ . '/qbo.inc';
$c = qbo_connect(['store' => qbo_test_store(), 'client_id' => 'binding', 'delivery' => 'worker']);
$f = fopen('php://memory', 'r');
$rec = ['id' => '1']; $rec['self'] = &$rec;
$cases = [
    'list' => [['id' => '1'], ['id' => '2']],
    'resource' => ['id' => '1', 'lines' => [['item' => '5', 'note' => $f]]],
    'closure' => ['id' => '1', 'fetch' => fn() => 1],
    'recursion' => $rec,
    'nan' => ['id' => '1', 'lines' => [['amount' => NAN]]],
    'nul byte' => ['id' => "1\0 DROP", 'email' => 'a@b.c'],
];
foreach ($cases as $what => $doc) {
    try {
        qbo_push($c, 'customer', $doc);
        echo "$what: accepted\n";
    } catch (TypeError|ValueError|QboSync\ValidationException $e) {
        echo "$what: ", get_class($e), ': ', $e->getMessage(), "\n";
    }
}
try {
    qbo_push($c, 'customer', ['id' => '1'], 4);
} catch (ValueError $e) {
    echo $e->getMessage(), "\n";
}
var_dump(qbo_status($c)['queued'], qbo_entities($c));
unset($cases, $doc, $rec);
gc_collect_cycles();   // the self-referencing test array, so leak checkers see nothing left
?>
--EXPECT--
list: QboSync\ValidationException: Customer: the document is a list, not an array of fields; send the customer as an array with an id
resource: QboSync\ValidationException: Customer 1: lines[0].note is a value of type resource; send plain values (strings, numbers, arrays)
closure: QboSync\ValidationException: Customer 1: fetch is an object of class Closure; send plain values (strings, numbers, arrays)
recursion: QboSync\ValidationException: Customer 1: self is a recursive reference (an array that contains itself); send plain values, not references to the document
nan: QboSync\ValidationException: Customer 1: lines[0].amount is an infinite or NaN float; send money as a decimal string like "10.99" and quantities like "1.5"
nul byte: QboSync\ValidationException: Customer: id contains a NUL byte at position 1; remove it in the billing system
qbo_push(): Argument #4 ($flags) must be 0 or a combination of QBO_QUEUE_ONLY and QBO_FORCE
int(0)
array(0) {
}
