--TEST--
Sandbox data: DisplayName derived from GivenName/FamilyName and checked for duplicates
--FILE--
<?php
require __DIR__ . '/helper.inc';
$co = sbx_company();
$r = sbx_api($co, 'POST', 'customer', ['GivenName' => 'Ada', 'FamilyName' => 'Lovelace']);
echo $r['status'], ' ', $r['json']['Customer']['DisplayName'], ' / ', $r['json']['Customer']['FullyQualifiedName'], "\n";
echo sbx_fault_line(sbx_api($co, 'POST', 'customer', ['DisplayName' => 'ada lovelace'])), "\n";
?>
--EXPECT--
200 Ada Lovelace / Ada Lovelace
400 ValidationFault 6240 Duplicate Name Exists Error | The name supplied already exists. : Another customer, vendor or employee is already using this name. Please use a different name. |
