--TEST--
Sandbox data: Invoice create without Line: 400 code 2020
--FILE--
<?php
require __DIR__ . '/helper.inc';
$co = sbx_company();
$r = sbx_api($co, 'POST', 'invoice', ['CustomerRef' => ['value' => '1']]);
echo sbx_fault_line($r), "\n";
$r = sbx_api($co, 'POST', 'invoice', ['Line' => [sbx_line('2', 1, 10)]]);
echo sbx_fault_line($r), "\n";
?>
--EXPECT--
400 ValidationFault 2020 Required param missing, need to supply the required value for the API | Required parameter Line is missing in the request | Line
400 ValidationFault 2020 Required param missing, need to supply the required value for the API | Required parameter CustomerRef is missing in the request | CustomerRef
