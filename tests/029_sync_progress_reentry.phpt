--TEST--
The progress callable cannot use the connection that is syncing; the Error stops the sync
--FILE--
<?php
require __DIR__ . '/qbo.inc';
[$c, $realm] = qbo_test_connect(['delivery' => 'worker']);
$tag = bin2hex(random_bytes(4));
qbo_push($c, 'customer', ['id' => 'r1', 'email' => "r1.$tag@example.com", 'first_name' => 'Re', 'last_name' => "Entry $tag"]);
try {
    qbo_sync($c, ['progress' => function () use ($c) {
        var_dump($c);          // shown without asking the busy engine
        qbo_status($c);
    }]);
    echo "no exception\n";
} catch (Error $e) {
    echo get_class($e), ': ', $e->getMessage(), "\n";
}
// usable again once qbo_sync() has returned
var_dump(is_array(qbo_status($c)));
?>
--EXPECTF--
object(QboSync\Connection)#%d (1) {
  ["environment"]=>
  string(%d) "http://127.0.0.1:%d"
}
Error: Cannot use this QboSync\Connection from its own qbo_sync() progress callback
bool(true)
