--TEST--
Sandbox data: Non-UTF-8 body: 400 code 500 MalformedByteSequenceException
--FILE--
<?php
require __DIR__ . '/helper.inc';
$co = sbx_company();
$r = sbx_api($co, 'POST', 'customer', "{\"DisplayName\": \"Caf\xe9\"}", [], ['Content-Type' => 'application/json']);
echo sbx_fault_line($r), "\n";
?>
--EXPECT--
400 ValidationFault 500 Unsupported Operation | Operation Unknown Operation MalformedByteSequenceException: Invalid byte 1 of 3-byte UTF-8 sequence. is not supported. |
