--TEST--
Sandbox data: Unknown property in a create body: 400 code 2010
--FILE--
<?php
require __DIR__ . '/helper.inc';
$co = sbx_company();
$r = sbx_api($co, 'POST', 'customer', ['DisplayName' => 'Prop Test', 'Nickname' => 'pt']);
echo sbx_fault_line($r), "\n";
$r = sbx_api($co, 'POST', 'invoice', ['CustomerRef' => ['value' => '1'], 'Line' => [sbx_line('2', 1, 5) + ['Colour' => 'red']]]);
echo sbx_fault_line($r), "\n";
?>
--EXPECT--
400 ValidationFault 2010 Request has invalid or unsupported property | Property Name:Unrecognized field "Nickname" (class com.intuit.schema.finance.v3.Customer), not marked as ignorable specified is unsupported or invalid | 
400 ValidationFault 2010 Request has invalid or unsupported property | Property Name:Unrecognized field "Colour" (class com.intuit.schema.finance.v3.Line), not marked as ignorable specified is unsupported or invalid |
