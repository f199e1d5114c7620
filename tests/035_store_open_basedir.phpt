--TEST--
qbo_connect() refuses a store outside open_basedir, before opening anything
--INI--
open_basedir={PWD}
--FILE--
<?php
$outside = '/var/tmp/qbosync-035-' . bin2hex(random_bytes(4)) . '.sqlite';
try {
    qbo_connect(['store' => $outside, 'client_id' => 'basedir']);
    echo "opened\n";
} catch (ValueError $e) {
    echo $e->getMessage(), "\n";
}
clearstatcache();
var_dump(@file_exists($outside));
$inside = __DIR__ . '/035_store_open_basedir.sqlite';
echo get_class(qbo_connect(['store' => $inside, 'client_id' => 'basedir'])), "\n";
?>
--CLEAN--
<?php
foreach (['', '-wal', '-shm', '-journal'] as $s) {
    @unlink(__DIR__ . '/035_store_open_basedir.sqlite' . $s);
}
?>
--EXPECT--
qbo_connect(): Argument #1 ($options) option "store" is outside open_basedir
bool(false)
QboSync\Connection
