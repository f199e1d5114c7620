--TEST--
qbo_connect() with the same options gives the same connection; the engine stays cached after the object is gone
--FILE--
<?php
require __DIR__ . '/qbo.inc';
function cached(): int {
    ob_start();
    phpinfo(INFO_MODULES);
    $info = ob_get_clean();
    preg_match('/Cached connections \(this process\) => (\d+)/', $info, $m);
    return (int)$m[1];
}
$opts = ['store' => qbo_test_store(), 'client_id' => 'cache-same', 'client_secret' => 's1'];
echo 'before: ', cached(), "\n";
$a = qbo_connect($opts);
$b = qbo_connect($opts);
var_dump($a === $b);
echo 'after two calls: ', cached(), "\n";
$id = spl_object_id($a);
unset($a, $b);
$c = qbo_connect($opts);   // a new object on the cached engine
echo 'after the object was freed: ', cached(), "\n";
// the same options in another order are the same options
$d = qbo_connect(array_reverse($opts, true));
var_dump($c === $d);
echo 'total: ', cached(), "\n";
?>
--EXPECT--
before: 0
bool(true)
after two calls: 1
after the object was freed: 1
bool(true)
total: 1
