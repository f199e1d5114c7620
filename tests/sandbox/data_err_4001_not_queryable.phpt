--TEST--
Sandbox data: Filtering on a non-queryable property: 400 code 4001
--FILE--
<?php
require __DIR__ . '/helper.inc';
$co = sbx_company();
echo sbx_fault_line(sbx_query($co, "select * from Customer where Notes = 'x'")), "\n";
?>
--EXPECT--
400 ValidationFault 4001 Invalid query | QueryValidationError: property 'Notes' is not queryable |
