--TEST--
A relative store path is taken from the current directory when connecting: the same relative path in two directories is two stores and two engines
--FILE--
<?php
$base = sys_get_temp_dir() . '/qbosync-034-' . bin2hex(random_bytes(4));
mkdir("$base/one", 0700, true);
mkdir("$base/two", 0700, true);
function opened(): int {
    ob_start();
    phpinfo(INFO_MODULES);
    preg_match('/Engines opened \(this process\) => (\d+)/', ob_get_clean(), $m);
    return (int)$m[1];
}
$before = opened();
chdir("$base/one");
$a = qbo_connect(['store' => 'store.sqlite', 'client_id' => 'rel']);
chdir("$base/two");
$b = qbo_connect(['store' => 'store.sqlite', 'client_id' => 'rel']);
var_dump($a === $b, opened() - $before);
var_dump(file_exists("$base/one/store.sqlite"), file_exists("$base/two/store.sqlite"));
unset($a, $b);
chdir($base);
foreach (['one', 'two'] as $d) {
    array_map('unlink', glob("$base/$d/*"));
    rmdir("$base/$d");
}
rmdir($base);
?>
--EXPECT--
bool(false)
int(2)
bool(true)
bool(true)
