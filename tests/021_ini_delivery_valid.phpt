--TEST--
qbosync.delivery accepts worker; a script cannot change it (system/per-directory setting)
--INI--
qbosync.delivery=worker
--FILE--
<?php
var_dump(ini_get('qbosync.delivery'));
var_dump(ini_set('qbosync.delivery', 'inline'));
var_dump(ini_get('qbosync.delivery'));
?>
--EXPECT--
string(6) "worker"
bool(false)
string(6) "worker"
