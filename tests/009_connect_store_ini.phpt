--TEST--
qbo_connect() falls back to INI qbosync.store and qbosync.environment
--INI--
qbosync.store={PWD}/009_connect_store_ini.sqlite
qbosync.environment=sandbox
--FILE--
<?php
$store = __DIR__ . '/009_connect_store_ini.sqlite';
var_dump(file_exists($store));
$c = qbo_connect(['client_id' => 'ini-store']);
var_dump(file_exists($store));
var_dump($c);
?>
--CLEAN--
<?php
foreach (['', '-wal', '-shm', '-journal'] as $s) {
    @unlink(__DIR__ . '/009_connect_store_ini.sqlite' . $s);
}
?>
--EXPECT--
bool(false)
bool(true)
object(QboSync\Connection)#1 (3) {
  ["environment"]=>
  string(7) "sandbox"
  ["realm"]=>
  NULL
  ["status"]=>
  string(13) "Not Connected"
}
