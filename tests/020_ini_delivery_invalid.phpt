--TEST--
A bad qbosync.delivery is refused at startup (the default stays) with a warning naming the accepted values
--INI--
qbosync.delivery=sometimes
display_startup_errors=1
--FILE--
<?php
var_dump(ini_get('qbosync.delivery'));
?>
--EXPECTF--
%AWarning: PHP Startup: qbosync.delivery must be "inline", "deferred" or "worker", "sometimes" given in %s
string(6) "inline"
