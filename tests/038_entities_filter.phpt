--TEST--
qbo_entities() and qbo_map() check their filter and extra arrays; an int id filter matches the string id
--FILE--
<?php
require __DIR__ . '/qbo.inc';
$c = qbo_connect(['store' => qbo_test_store(), 'client_id' => 'filters', 'delivery' => 'worker']);
foreach ([['kind' => 'invoice', 'status' => 'Error'], ['state' => ['Error']], ['invoice'], ['kind' => 5]] as $bad) {
    try {
        qbo_entities($c, $bad);
        echo "accepted\n";
    } catch (TypeError|ValueError $e) {
        echo get_class($e), ': ', $e->getMessage(), "\n";
    }
}
try {
    qbo_map($c, 'account', 'sales', 'auto', ['income']);
} catch (ValueError $e) {
    echo get_class($e), ': ', $e->getMessage(), "\n";
}
qbo_push($c, 'customer', ['id' => '42', 'email' => 'f42@example.com', 'first_name' => 'Filter', 'last_name' => 'Test']);
qbo_push($c, 'customer', ['id' => '43', 'email' => 'f43@example.com', 'first_name' => 'Other', 'last_name' => 'Test']);
foreach ([['id' => 42], ['id' => '42'], ['kind' => 'customer'], ['kind' => 'invoice'], []] as $f) {
    echo json_encode($f), ': ', implode(',', array_column(qbo_entities($c, $f), 'id')), "\n";
}
?>
--EXPECT--
ValueError: qbo_entities(): Argument #2 ($filter) contains unknown filter "status" (use kind, state, id, limit, offset or with_total)
TypeError: qbo_entities(): Argument #2 ($filter) filter "state" must be of type string, array given
ValueError: qbo_entities(): Argument #2 ($filter) must contain only named filters (kind, state, id, limit, offset, with_total)
TypeError: qbo_entities(): Argument #2 ($filter) filter "kind" must be of type string, int given
ValueError: qbo_map(): Argument #5 ($extra) must be an array of named values (["purpose" => "income"]), a list given
{"id":42}: 42
{"id":"42"}: 42
{"kind":"customer"}: 42,43
{"kind":"invoice"}: 
[]: 42,43
