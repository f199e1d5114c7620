--TEST--
Sandbox data: Customer create without DisplayName or name parts: 400 code 2020
--FILE--
<?php
require __DIR__ . '/helper.inc';
$co = sbx_company();
$r = sbx_api($co, 'POST', 'customer', ['Notes' => 'no name']);
echo sbx_fault_line($r), "\n";
$n = count(array_filter(sbx_ledger($co)['entities'], fn($e) => $e['entity'] === 'Customer'));
echo "customers: $n\n";
?>
--EXPECT--
400 ValidationFault 2020 Required param missing, need to supply the required value for the API | Required parameter DisplayName is missing in the request | DisplayName
customers: 3
