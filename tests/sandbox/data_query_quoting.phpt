--TEST--
Sandbox data: Query string literals escape an apostrophe as \'
--FILE--
<?php
require __DIR__ . '/helper.inc';
$co = sbx_company();
sbx_t_customer($co, "O'Brien's Bakery");
$r = sbx_query($co, "select * from Customer where DisplayName = 'O\\'Brien\\'s Bakery'");
echo $r['status'], ' ', $r['json']['QueryResponse']['Customer'][0]['DisplayName'], "\n";
?>
--EXPECT--
200 O'Brien's Bakery
