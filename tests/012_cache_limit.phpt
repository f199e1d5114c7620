--TEST--
qbosync.max_connections bounds the cache: idle engines are evicted, engines in use never are
--INI--
qbosync.max_connections=2
--FILE--
<?php
require __DIR__ . '/qbo.inc';
function cached(): int {
    ob_start();
    phpinfo(INFO_MODULES);
    preg_match('/Cached connections \(this process\) => (\d+)/', ob_get_clean(), $m);
    return (int)$m[1];
}
$stores = [qbo_test_store(), qbo_test_store(), qbo_test_store(), qbo_test_store()];
foreach ($stores as $i => $s) {
    qbo_connect(['store' => $s, 'client_id' => 'lim']);   // object freed at once: the engine is idle
    echo "idle $i: ", cached(), "\n";
}
// all in use: a third one still works, uncached
$keep = [qbo_connect(['store' => $stores[0], 'client_id' => 'lim']), qbo_connect(['store' => $stores[1], 'client_id' => 'lim'])];
$third = qbo_connect(['store' => $stores[2], 'client_id' => 'lim']);
echo 'in use: ', cached(), "\n";
var_dump($third !== $keep[0] && $third !== $keep[1]);
var_dump(qbo_status($third)['status']);
?>
--EXPECT--
idle 0: 1
idle 1: 2
idle 2: 2
idle 3: 2
in use: 2
bool(true)
string(13) "Not Connected"
