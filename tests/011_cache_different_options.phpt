--TEST--
qbo_connect() with different options (any of them, secrets included) gives different connections
--FILE--
<?php
require __DIR__ . '/qbo.inc';
function cached(): int {
    ob_start();
    phpinfo(INFO_MODULES);
    preg_match('/Cached connections \(this process\) => (\d+)/', ob_get_clean(), $m);
    return (int)$m[1];
}
$store = qbo_test_store();
$base = ['store' => $store, 'client_id' => 'cache-diff', 'client_secret' => 'one'];
$a = qbo_connect($base);
$b = qbo_connect(['client_secret' => 'two'] + $base);
$c = qbo_connect(['delivery' => 'worker'] + $base);
$d = qbo_connect(['store' => qbo_test_store()] + $base);
$e = qbo_connect(['encryption_key' => QBO_TEST_KEY] + $base);
var_dump($a !== $b, $a !== $c, $a !== $d, $a !== $e, $b !== $c);
echo 'cached: ', cached(), "\n";
var_dump(qbo_connect($base) === $a);
?>
--EXPECT--
bool(true)
bool(true)
bool(true)
bool(true)
bool(true)
cached: 5
bool(true)
