--TEST--
qbo_connect() needs a store: the option, else INI qbosync.store
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
var_dump(qbo_test_store_exists($store), qbo_test_backend() === 'sqlite' ? filesize($store) > 0 : count(qbo_test_store_rows($store, 'SELECT * FROM conn')) > 0);
// a store that cannot be created: a missing folder (SQLite), a missing database (MariaDB)
$bad = qbo_test_backend() === 'sqlite' ? sys_get_temp_dir() . '/no-such-dir-' . bin2hex(random_bytes(4)) . '/store.sqlite'
    : preg_replace('~/[^/?]+\?~', '/nosuchdb' . bin2hex(random_bytes(3)) . '?', $store);
try {
    qbo_connect(['store' => $bad, 'client_id' => 'x']);
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
