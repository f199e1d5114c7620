--TEST--
The INI encryption key is used but never handed out: ini_get, ini_get_all and get_cfg_var say "(set)"
--INI--
qbosync.encryption_key=6b3f1e2d4c5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0
--FILE--
<?php
var_dump(ini_get('qbosync.encryption_key'));
var_dump(get_cfg_var('qbosync.encryption_key'));
var_dump(ini_get_all('qbosync')['qbosync.encryption_key']);
var_dump(str_contains(var_export(ini_get_all(null, false), true), '6b3f1e2d'));
// system-only: a script cannot replace it
var_dump(ini_set('qbosync.encryption_key', str_repeat('ab', 32)));
var_dump(ini_get('qbosync.encryption_key'));
?>
--EXPECT--
string(5) "(set)"
string(5) "(set)"
array(3) {
  ["global_value"]=>
  string(5) "(set)"
  ["local_value"]=>
  string(5) "(set)"
  ["access"]=>
  int(6)
}
bool(false)
bool(false)
string(5) "(set)"
