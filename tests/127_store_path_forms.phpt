--TEST--
The store path in every form: ":memory:" and file: URIs are refused without touching the disk; a name starting with ':' is an ordinary relative path, made absolute and checked against open_basedir like any other
--INI--
pcre.jit=0
open_basedir={PWD}
--FILE--
<?php
$dir = __DIR__ . '/127_store_forms';
@mkdir($dir);
chdir($dir);
foreach ([':memory:', 'file:' . $dir . '/x.sqlite', 'FILE:x.sqlite?mode=memory', 'file::memory:?cache=shared'] as $path) {
    try {
        qbo_connect(['store' => $path, 'client_id' => 'forms']);
        echo "$path: opened\n";
    } catch (ValueError $e) {
        echo "$path: ", $e->getMessage(), "\n";
    }
}
clearstatcache();
echo "files made: ", implode(',', array_diff(scandir($dir), ['.', '..'])) ?: 'none', "\n";
// ':colon.sqlite' is a file in the working directory
$c = qbo_connect(['store' => ':colon.sqlite', 'client_id' => 'forms']);
clearstatcache();
echo get_class($c), ", file in the working directory: ", var_export(file_exists($dir . '/:colon.sqlite'), true), "\n";
unset($c);
// the same name, relative to a directory outside open_basedir, is refused
ini_set('open_basedir', $dir);
@mkdir($dir . '/sub');
try {
    qbo_connect(['store' => ':colon.sqlite', 'client_id' => 'forms2']);
    echo "inside: opened\n";
} catch (ValueError $e) {
    echo "inside: ", $e->getMessage(), "\n";
}
try {
    qbo_connect(['store' => '../:outside.sqlite', 'client_id' => 'forms3']);
    echo "outside: opened\n";
} catch (ValueError $e) {
    echo "outside: ", $e->getMessage(), "\n";
}
?>
--CLEAN--
<?php
$dir = __DIR__ . '/127_store_forms';
foreach (glob($dir . '/{,.}*', GLOB_BRACE) ?: [] as $f) {
    if (is_file($f)) {
        @unlink($f);
    }
}
@rmdir($dir . '/sub');
@rmdir($dir);
?>
--EXPECTF--
:memory:: qbo_connect(): Argument #1 ($options) option "store" cannot be ":memory:": the store must be a file every process shares, or queued records would be lost with the request; give the path of a SQLite file
file:%s/x.sqlite: qbo_connect(): Argument #1 ($options) option "store" cannot be a file: URI; give the plain path of the SQLite file
FILE:x.sqlite?mode=memory: qbo_connect(): Argument #1 ($options) option "store" cannot be a file: URI; give the plain path of the SQLite file
file::memory:?cache=shared: qbo_connect(): Argument #1 ($options) option "store" cannot be a file: URI; give the plain path of the SQLite file
files made: none
QboSync\Connection, file in the working directory: true
inside: opened
outside: qbo_connect(): Argument #1 ($options) option "store" is outside open_basedir
