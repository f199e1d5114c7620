--TEST--
Sandbox data: Item create: Type and IncomeAccountRef required, income account type checked, duplicate name 6240
--FILE--
<?php
require __DIR__ . '/helper.inc';
$co = sbx_company();
echo sbx_fault_line(sbx_api($co, 'POST', 'item', ['Name' => 'Gadget', 'Type' => 'Service'])), "\n";
echo sbx_fault_line(sbx_api($co, 'POST', 'item', ['Name' => 'Gadget', 'Type' => 'Service', 'IncomeAccountRef' => ['value' => '3']])), "\n";
$r = sbx_api($co, 'POST', 'item', ['Name' => 'Gadget', 'Type' => 'Service', 'IncomeAccountRef' => ['value' => '1'], 'UnitPrice' => 12.5]);
echo $r['status'], ' ', $r['json']['Item']['IncomeAccountRef']['name'], ' ', $r['json']['Item']['UnitPrice'], "\n";
echo sbx_fault_line(sbx_api($co, 'POST', 'item', ['Name' => 'gadget', 'Type' => 'Service', 'IncomeAccountRef' => ['value' => '1']])), "\n";
?>
--EXPECT--
400 ValidationFault 2020 Required param missing, need to supply the required value for the API | Required parameter IncomeAccountRef is missing in the request | IncomeAccountRef
400 ValidationFault 6000 A business validation error has occurred while processing your request | Business Validation Error: Invalid account type: the income account of an item must be of type Income. | IncomeAccountRef
200 Services 12.5
400 ValidationFault 6240 Duplicate Name Exists Error | The name supplied already exists. : Another product or service is already using this name. Please use a different name. |
