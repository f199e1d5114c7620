--TEST--
QboSync\Connection cannot be serialized or unserialized
--FILE--
<?php
require __DIR__ . '/qbo.inc';
$c = qbo_connect(['store' => qbo_test_store(), 'client_id' => 'serialize-test']);
try {
    echo serialize($c), "\n";
} catch (Exception $e) {
    echo get_class($e), ': ', $e->getMessage(), "\n";
}
try {
    var_dump(unserialize('O:18:"QboSync\Connection":0:{}'));
} catch (Exception $e) {
    echo get_class($e), ': ', $e->getMessage(), "\n";
}
try {
    echo serialize([$c]), "\n";
} catch (Exception $e) {
    echo get_class($e), ': ', $e->getMessage(), "\n";
}
?>
--EXPECT--
Exception: Serialization of 'QboSync\Connection' is not allowed
Exception: Unserialization of 'QboSync\Connection' is not allowed
Exception: Serialization of 'QboSync\Connection' is not allowed
