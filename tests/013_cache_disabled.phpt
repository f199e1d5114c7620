--TEST--
qbosync.max_connections=0 turns the cache off: every qbo_connect() opens its own engine
--INI--
qbosync.max_connections=0
--FILE--
<?php
require __DIR__ . '/qbo.inc';
$opts = ['store' => qbo_test_store(), 'client_id' => 'nocache'];
$a = qbo_connect($opts);
$b = qbo_connect($opts);
var_dump($a === $b);
ob_start();
phpinfo(INFO_MODULES);
preg_match('/Cached connections \(this process\) => (\d+)/', ob_get_clean(), $m);
echo 'cached: ', $m[1], "\n";
var_dump(ini_get('qbosync.max_connections'));
?>
--EXPECT--
bool(false)
cached: 0
string(1) "0"
