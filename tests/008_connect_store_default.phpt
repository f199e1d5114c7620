--TEST--
qbo_connect() needs a store: the option, else INI qbosync.store
--SKIPIF--
<?php require_once __DIR__ . '/qbo.inc'; qbo_test_sqlite_only('checks the store file qbosync.store creates'); ?>
--INI--
qbosync.store=
--FILE--
<?php
require __DIR__ . '/qbo.inc';
try {
    qbo_connect(['client_id' => 'x']);
    echo "accepted\n";
} catch (ValueError $e) {
    echo $e->getMessage(), "\n";
}
$store = qbo_test_store();
$c = qbo_connect(['store' => $store, 'client_id' => 'x']);
var_dump(file_exists($store), filesize($store) > 0);
try {
    qbo_connect(['store' => sys_get_temp_dir() . '/no-such-dir-' . bin2hex(random_bytes(4)) . '/store.sqlite', 'client_id' => 'x']);
    echo "accepted\n";
} catch (QboSync\StoreException $e) {
    echo get_class($e), "\n";
}
?>
--EXPECT--
qbo_connect(): Argument #1 ($options) must contain "store" when qbosync.store is not set
bool(true)
bool(true)
QboSync\StoreException
