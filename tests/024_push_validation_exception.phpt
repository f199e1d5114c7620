--TEST--
qbo_push() turns a core validation error into QboSync\ValidationException with kind, recordId and field, and records nothing
--FILE--
<?php
require __DIR__ . '/qbo.inc';
$c = qbo_connect(['store' => qbo_test_store(), 'client_id' => 'binding', 'delivery' => 'worker']);
try {
    qbo_push($c, 'customer', ['id' => '17', 'first_name' => 'Jane', 'last_name' => 'Doe']);
    echo "accepted\n";
} catch (QboSync\ValidationException $e) {
    echo get_class($e), "\n";
    var_dump($e->kind, $e->recordId, $e->field, $e->getMessage() !== '', $e->getCode() === 1);
}
var_dump(qbo_status($c)['queued'], count(qbo_entities($c)));
// a float amount is passed through; the core decides (0.1 + 0.2 is not money)
try {
    qbo_push($c, 'item', ['id' => 'p1', 'name' => 'Hosting', 'price' => 0.1 + 0.2]);
    echo "accepted\n";
} catch (QboSync\ValidationException $e) {
    var_dump($e->kind, $e->recordId, $e->field);
}
?>
--EXPECT--
QboSync\ValidationException
string(8) "customer"
string(2) "17"
string(5) "email"
bool(true)
bool(true)
int(0)
int(0)
string(4) "item"
string(2) "p1"
string(5) "price"
