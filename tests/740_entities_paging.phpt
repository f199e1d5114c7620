--TEST--
qbo_entities() pages: limit and offset in kind-then-id order, with_total counts every match, bad paging values refused
--FILE--
<?php
require __DIR__ . '/qbo.inc';
$c = qbo_connect(['store' => qbo_test_store(), 'client_id' => 'paging', 'delivery' => 'worker']);
for ($i = 1; $i <= 12; $i++) {
    qbo_push($c, 'customer', ['id' => (string)$i, 'email' => "p$i@example.com", 'first_name' => 'Page', 'last_name' => "Test $i"]);
}
echo 'page 1: ', implode(',', array_column(qbo_entities($c, ['limit' => 5]), 'id')), "\n";
echo 'page 3: ', implode(',', array_column(qbo_entities($c, ['limit' => 5, 'offset' => 10]), 'id')), "\n";
$r = qbo_entities($c, ['kind' => 'customer', 'state' => 'Not Tried', 'limit' => 3, 'offset' => 3, 'with_total' => true]);
echo 'with_total: ', implode(',', array_column($r['rows'], 'id')), ' of ', $r['total'], "\n";
$r = qbo_entities($c, ['kind' => 'invoice', 'with_total' => true]);
echo 'no invoices: ', count($r['rows']), ' of ', $r['total'], "\n";
echo 'past the end: ', count(qbo_entities($c, ['limit' => 5, 'offset' => 100])), "\n";
foreach ([['limit' => 0], ['limit' => 10001], ['offset' => -1], ['limit' => '5'], ['with_total' => 1]] as $bad) {
    try {
        qbo_entities($c, $bad);
        echo "accepted\n";
    } catch (TypeError|ValueError $e) {
        echo get_class($e), ': ', $e->getMessage(), "\n";
    }
}
?>
--EXPECT--
page 1: 1,2,3,4,5
page 3: 11,12
with_total: 4,5,6 of 12
no invoices: 0 of 0
past the end: 0
ValueError: qbo_entities(): Argument #2 ($filter) filter "limit" must be between 1 and 10000
ValueError: qbo_entities(): Argument #2 ($filter) filter "limit" must be between 1 and 10000
ValueError: qbo_entities(): Argument #2 ($filter) filter "offset" must be 0 or more
TypeError: qbo_entities(): Argument #2 ($filter) filter "limit" must be of type int, string given
TypeError: qbo_entities(): Argument #2 ($filter) filter "with_total" must be of type bool, int given
