--TEST--
Sandbox data: A value of the wrong type (object expected, bool expected): 400 code 2010
--FILE--
<?php
require __DIR__ . '/helper.inc';
$co = sbx_company();
echo sbx_fault_line(sbx_api($co, 'POST', 'customer', ['DisplayName' => 'Typed', 'PrimaryEmailAddr' => 'a@b.example'])), "\n";
echo sbx_fault_line(sbx_api($co, 'POST', 'customer', ['DisplayName' => 'Typed', 'Active' => 'yes'])), "\n";
echo sbx_fault_line(sbx_api($co, 'POST', 'invoice', ['CustomerRef' => ['value' => '1'], 'TxnDate' => '2026-02-30', 'Line' => [sbx_line('2', 1, 1)]])), "\n";
?>
--EXPECT--
400 ValidationFault 2010 Request has invalid or unsupported property | Property Name:Can not deserialize value of PrimaryEmailAddr from a@b.example specified is unsupported or invalid | PrimaryEmailAddr
400 ValidationFault 2010 Request has invalid or unsupported property | Property Name:Can not deserialize value of Active from yes specified is unsupported or invalid | Active
400 ValidationFault 2010 Request has invalid or unsupported property | Property Name:Can not deserialize value of TxnDate from 2026-02-30 specified is unsupported or invalid | TxnDate
