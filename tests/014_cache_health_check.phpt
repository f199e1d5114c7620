--TEST--
A cached engine whose store file was deleted is not reused: qbo_connect() opens the store again
--SKIPIF--
<?php require_once __DIR__ . '/qbo.inc'; qbo_test_sqlite_only('deletes the store file'); ?>
--FILE--
<?php
require __DIR__ . '/qbo.inc';
$store = qbo_test_store();
$opts = ['store' => $store, 'client_id' => 'health'];
$a = qbo_connect($opts);
var_dump(file_exists($store));
foreach (['', '-wal', '-shm', '-journal'] as $s) {
    @unlink($store . $s);
}
var_dump(file_exists($store));
$b = qbo_connect($opts);
var_dump($a === $b, file_exists($store));
// the new engine works on the new file
var_dump(qbo_status($b)['status']);
var_dump(qbo_connect($opts) === $b);
?>
--EXPECT--
bool(true)
bool(false)
bool(false)
bool(true)
string(13) "Not Connected"
bool(true)
