--TEST--
config.m4, config.w32 and package.xml name the same C sources, and every C file under ext/ is built
--FILE--
<?php
$root = dirname(__DIR__);
$m4 = file_get_contents("$root/config.m4");
preg_match_all('~ext/[\w/]+\.c~', $m4, $m);
$built = array_unique($m[0]);
$onDisk = array_map(fn($f) => substr($f, strlen($root) + 1),
    array_merge(glob("$root/ext/*.c"), glob("$root/ext/core/*.c"), glob("$root/ext/core/*/*.c"), glob("$root/ext/php/*.c")));
sort($built);
sort($onDisk);
echo 'C files not in config.m4: ', implode(', ', array_diff($onDisk, $built)) ?: 'none', "\n";
echo 'config.m4 names missing files: ', implode(', ', array_diff($built, $onDisk)) ?: 'none', "\n";
$w32 = file_get_contents("$root/config.w32");
echo 'missing from config.w32: ', implode(', ', array_filter($built, fn($f) => !preg_match('~\b' . preg_quote(basename($f), '~') . '\b~', $w32))) ?: 'none', "\n";
$xml = file_get_contents("$root/package.xml");
echo 'missing from package.xml: ', implode(', ', array_filter($built, fn($f) => !str_contains($xml, 'name="' . basename($f) . '"') && !str_contains($xml, 'name="' . $f . '"'))) ?: 'none', "\n";
echo count($built) > 10 ? 'sources: ' . count($built) : 'config.m4 not parsed', "\n";
?>
--EXPECTF--
C files not in config.m4: none
config.m4 names missing files: none
missing from config.w32: none
missing from package.xml: none
sources: %d
