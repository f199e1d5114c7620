--TEST--
Bad qbosync.timeout, qbosync.inline_timeout, qbosync.max_connections and qbosync.encryption_key values are refused at startup
--INI--
qbosync.timeout=-3
qbosync.inline_timeout=soon
qbosync.max_connections=-7
qbosync.encryption_key=not-a-key
display_startup_errors=1
--FILE--
<?php
var_dump(ini_get('qbosync.timeout'), ini_get('qbosync.inline_timeout'), ini_get('qbosync.max_connections'), ini_get('qbosync.encryption_key'));
?>
--EXPECTF--
%AWarning: PHP Startup: qbosync.encryption_key is not a valid key (64 hex digits or the base64 of 32 bytes expected); no key is configured in %s
%AWarning: PHP Startup: qbosync.timeout must be a number of seconds greater than 0 and at most 86400, "-3" given in %s
%AWarning: PHP Startup: qbosync.inline_timeout must be a number of seconds greater than 0 and at most 86400, "soon" given in %s
%AWarning: PHP Startup: qbosync.max_connections must be an integer from -1 (no limit) up, "-7" given in %s
string(2) "30"
string(1) "5"
string(1) "8"
string(0) ""
