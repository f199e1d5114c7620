--TEST--
Sandbox data: Malformed JSON body: 400 code 500 Unsupported Operation
--FILE--
<?php
require __DIR__ . '/helper.inc';
$co = sbx_company();
$r = sbx_api($co, 'POST', 'customer', '{"DisplayName": "x",', [], ['Content-Type' => 'application/json']);
echo sbx_fault_line($r), "\n";
?>
--EXPECT--
400 ValidationFault 500 Unsupported Operation | Operation com.fasterxml.jackson.core.JsonParseException: Syntax error is not supported. |
