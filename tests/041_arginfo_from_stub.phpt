--TEST--
The committed arginfo was generated from the current stub (it carries the stub's sha1), and every stub function exists
--FILE--
<?php
$stub = dirname(__DIR__) . '/ext/qbosync.stub.php';
$arginfo = dirname(__DIR__) . '/ext/qbosync_arginfo.h';
$hash = sha1_file($stub);
echo 'arginfo carries the stub hash: ', var_export(str_contains(file_get_contents($arginfo), "Stub hash: $hash"), true), "\n";
preg_match_all('/^\s*function (\w+)\(/m', file_get_contents($stub), $m);
$missing = array_filter($m[1], fn($f) => !function_exists($f));
echo count($m[1]) > 5 ? 'functions in the stub: ' . count($m[1]) : 'stub not parsed', ', missing: ', $missing ? implode(', ', $missing) : 'none', "\n";
?>
--EXPECTF--
arginfo carries the stub hash: true
functions in the stub: %d, missing: none
