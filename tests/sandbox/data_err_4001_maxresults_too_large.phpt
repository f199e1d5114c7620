--TEST--
Sandbox data: MAXRESULTS over 1000: 400 code 4001 QueryValidationError
--FILE--
<?php
require __DIR__ . '/helper.inc';
$co = sbx_company();
echo sbx_fault_line(sbx_query($co, "select * from Item maxresults 1500")), "\n";
?>
--EXPECT--
400 ValidationFault 4001 Invalid query | QueryValidationError: value 1500 is too large. Max allowed value is 1000 |
