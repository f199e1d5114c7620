--TEST--
var_dump of a connected Connection shows environment, realm and status, and none of the tokens or secrets
--FILE--
<?php
require __DIR__ . '/qbo.inc';
[$c, $realm, $opts] = qbo_test_connect();
ob_start();
var_dump($c);
$dump = ob_get_clean();
echo str_replace([$realm, $opts['environment']], ['REALM', 'ENV'], $dump);
foreach ([QBO_TEST_CLIENT_SECRET, QBO_TEST_KEY, 'Bearer', 'refresh'] as $s) {
    var_dump(str_contains($dump, $s));
}
?>
--EXPECTF--
object(QboSync\Connection)#%d (3) {
  ["environment"]=>
  string(%d) "ENV"
  ["realm"]=>
  string(16) "REALM"
  ["status"]=>
  string(6) "Active"
}
bool(false)
bool(false)
bool(false)
bool(false)
