--TEST--
When the cache is full, the least recently used idle engine is the one evicted
--INI--
qbosync.max_connections=2
--FILE--
<?php
require __DIR__ . '/qbo.inc';
function opened(): int {
    ob_start();
    phpinfo(INFO_MODULES);
    preg_match('/Engines opened \(this process\) => (\d+)/', ob_get_clean(), $m);
    return (int)$m[1];
}
$o = [];
foreach (['a', 'b', 'c'] as $n) {
    $o[$n] = ['store' => qbo_test_store(), 'client_id' => "lru-$n"];
}
qbo_connect($o['a']);
qbo_connect($o['b']);
qbo_status(qbo_connect($o['a']));   // a is now the most recently used
$base = opened();
qbo_connect($o['c']);                // evicts b
echo 'c opened: ', opened() - $base, "\n";
qbo_connect($o['a']);
echo 'a reused: ', opened() - $base === 1 ? 'yes' : 'no', "\n";
qbo_connect($o['b']);
echo 'b reopened: ', opened() - $base === 2 ? 'yes' : 'no', "\n";
?>
--EXPECT--
c opened: 1
a reused: yes
b reopened: yes
