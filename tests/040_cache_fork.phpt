--TEST--
After fork() the child does not reuse the parent's cached engine (nor close it): it opens its own; the parent's keeps working
--SKIPIF--
<?php if (!function_exists('pcntl_fork')) die('skip pcntl_fork() is not available'); ?>
--FILE--
<?php
require __DIR__ . '/qbo.inc';
function opened(): int {
    ob_start();
    phpinfo(INFO_MODULES);
    preg_match('/Engines opened \(this process\) => (\d+)/', ob_get_clean(), $m);
    return (int)$m[1];
}
// not qbo_test_store(): its shutdown function would run in the child too and delete the file
$store = sys_get_temp_dir() . '/qbosync-040-' . bin2hex(random_bytes(4)) . '.sqlite';
$opts = ['store' => $store, 'client_id' => 'fork', 'delivery' => 'worker'];
$c = qbo_connect($opts);
qbo_push($c, 'customer', ['id' => 'f1', 'email' => 'f1@example.com', 'first_name' => 'Fork', 'last_name' => 'Parent']);
unset($c);
$before = opened();
$pid = pcntl_fork();
if ($pid === 0) {
    $c = qbo_connect($opts);
    qbo_push($c, 'customer', ['id' => 'f2', 'email' => 'f2@example.com', 'first_name' => 'Fork', 'last_name' => 'Child']);
    echo 'child opened its own engine: ', opened() - $before === 1 ? 'yes' : 'no', "\n";
    exit(0);
}
pcntl_waitpid($pid, $status);
echo 'child exit: ', pcntl_wexitstatus($status), "\n";
$c = qbo_connect($opts);
echo 'parent reused its engine: ', opened() === $before ? 'yes' : 'no', "\n";
echo implode(',', array_column(qbo_entities($c, ['kind' => 'customer']), 'id')), "\n";
unset($c);
foreach (['', '-wal', '-shm', '-journal'] as $s) {
    @unlink($store . $s);
}
?>
--EXPECT--
child opened its own engine: yes
child exit: 0
parent reused its engine: yes
f1,f2
