--TEST--
qbo_push() refuses documents that cannot become JSON, naming the argument and the path, before recording anything
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
    } catch (TypeError|ValueError $e) {
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
list: ValueError: qbo_push(): Argument #3 ($document) must be a document (an array with named fields such as "id"), a list given
resource: TypeError: qbo_push(): Argument #3 ($document) must not contain a value of type resource (at lines[0].note)
closure: TypeError: qbo_push(): Argument #3 ($document) must not contain an object of class Closure (at fetch)
recursion: ValueError: qbo_push(): Argument #3 ($document) must not contain a recursive reference (at self)
nan: ValueError: qbo_push(): Argument #3 ($document) must not contain an infinite or NaN float (at lines[0].amount)
nul byte: ValueError: qbo_push(): Argument #3 ($document) must not contain strings with NUL bytes (at id)
qbo_push(): Argument #4 ($flags) must be 0 or a combination of QBO_QUEUE_ONLY and QBO_FORCE
int(0)
array(0) {
}
