--TEST--
Sandbox data: Query syntax errors: 400 code 4000 Error parsing query (QueryParserError)
--FILE--
<?php
require __DIR__ . '/helper.inc';
$co = sbx_company();
echo sbx_fault_line(sbx_query($co, "select * from Customer where DisplayName = 'A' R")), "\n";
echo sbx_fault_line(sbx_query($co, "")), "\n";
echo sbx_fault_line(sbx_query($co, "select * from Customer where DisplayName = 'A' or Id = '1'")), "\n";
?>
--EXPECT--
400 ValidationFault 4000 Error parsing query | QueryParserError: Encountered " <IDENTIFIER> "R "" at line 1, column 48. Was expecting one of: <EOF> "and" "orderby" "startposition" "maxresults" | 
400 ValidationFault 4000 Error parsing query | QueryParserError: The query provided was empty | 
400 ValidationFault 4000 Error parsing query | QueryParserError: Encountered " <IDENTIFIER> "or "" at line 1, column 48. Was expecting one of: <EOF> "and" "orderby" "startposition" "maxresults" |
