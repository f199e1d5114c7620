--TEST--
Sandbox data: A colon in DisplayName / Name is rejected (6000)
--FILE--
<?php
require __DIR__ . '/helper.inc';
$co = sbx_company();
echo sbx_fault_line(sbx_api($co, 'POST', 'customer', ['DisplayName' => 'Parent:Child'])), "\n";
echo sbx_fault_line(sbx_api($co, 'POST', 'item', ['Name' => 'A:B', 'Type' => 'Service', 'IncomeAccountRef' => ['value' => '1']])), "\n";
?>
--EXPECT--
400 ValidationFault 6000 A business validation error has occurred while processing your request | Business Validation Error: The DisplayName field cannot contain a colon (:), a tab or a new line. | DisplayName
400 ValidationFault 6000 A business validation error has occurred while processing your request | Business Validation Error: The Name field cannot contain a colon (:), a tab or a new line. | Name
