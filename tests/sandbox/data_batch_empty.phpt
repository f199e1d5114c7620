--TEST--
Sandbox data: An empty batch: 400 code 400 Batch Request is Empty
--FILE--
<?php
require __DIR__ . '/helper.inc';
$co = sbx_company();
echo sbx_fault_line(sbx_api($co, 'POST', 'batch', ['BatchItemRequest' => []])), "\n";
?>
--EXPECT--
400 ValidationFault 400 MalformedRequest | Batch Request is Empty |
