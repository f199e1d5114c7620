--TEST--
QboSync\Connection cannot be cloned
--FILE--
<?php
require __DIR__ . '/qbo.inc';
$c = qbo_connect(['store' => qbo_test_store(), 'client_id' => 'clone-test']);
try {
    $d = clone $c;
    echo "cloned\n";
} catch (Error $e) {
    echo get_class($e), ': ', $e->getMessage(), "\n";
}
?>
--EXPECT--
Error: Trying to clone an uncloneable object of class QboSync\Connection
