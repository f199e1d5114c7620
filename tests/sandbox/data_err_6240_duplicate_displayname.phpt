--TEST--
Sandbox data: Duplicate DisplayName (case-insensitive, trimmed, also vs inactive): 400 code 6240
--FILE--
<?php
require __DIR__ . '/helper.inc';
$co = sbx_company();
$c = sbx_t_customer($co, 'Harbor Lights');
echo sbx_fault_line(sbx_api($co, 'POST', 'customer', ['DisplayName' => '  harbor LIGHTS '])), "\n";
sbx_api($co, 'POST', 'customer', ['Id' => $c['Id'], 'SyncToken' => '0', 'sparse' => true, 'Active' => false]);
echo sbx_fault_line(sbx_api($co, 'POST', 'customer', ['DisplayName' => 'Harbor Lights'])), "\n";
$q = sbx_query($co, "select count(*) from Customer where DisplayName = 'Harbor Lights' and Active in (true, false)");
echo 'count=', $q['json']['QueryResponse']['totalCount'], "\n";
?>
--EXPECT--
400 ValidationFault 6240 Duplicate Name Exists Error | The name supplied already exists. : Another customer, vendor or employee is already using this name. Please use a different name. | 
400 ValidationFault 6240 Duplicate Name Exists Error | The name supplied already exists. : Another customer, vendor or employee is already using this name. Please use a different name. | 
count=1
