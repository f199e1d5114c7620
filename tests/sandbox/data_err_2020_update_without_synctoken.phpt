--TEST--
Sandbox data: Update without SyncToken: 400 code 2020
--FILE--
<?php
require __DIR__ . '/helper.inc';
$co = sbx_company();
$c = sbx_t_customer($co, 'Needs Token');
$r = sbx_api($co, 'POST', 'customer', ['Id' => $c['Id'], 'sparse' => true, 'Notes' => 'x']);
echo sbx_fault_line($r), "\n";
?>
--EXPECT--
400 ValidationFault 2020 Required param missing, need to supply the required value for the API | Required parameter SyncToken is missing in the request | SyncToken
