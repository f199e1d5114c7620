--TEST--
Sandbox data: Over-long strings: 400 code 2050 with thousands separators
--FILE--
<?php
require __DIR__ . '/helper.inc';
$co = sbx_company();
$c = sbx_t_customer($co);
$r = sbx_api($co, 'POST', 'invoice', ['CustomerRef' => ['value' => $c['Id']], 'Line' => [sbx_line('2', 1, 10)],
    'PrivateNote' => str_repeat('n', 4006)]);
echo sbx_fault_line($r), "\n";
echo sbx_fault_line(sbx_api($co, 'POST', 'customer', ['DisplayName' => str_repeat('é', 501)])), "\n";
echo sbx_fault_line(sbx_api($co, 'POST', 'invoice', ['CustomerRef' => ['value' => $c['Id']], 'Line' => [sbx_line('2', 1, 10)],
    'DocNumber' => str_repeat('9', 22)])), "\n";
?>
--EXPECT--
400 ValidationFault 2050 String length is either shorter or longer than supported by specification | String length specified does not match the supported length. Min:0 Max:4,000 supported. Supplied length: 4,006 | PrivateNote
400 ValidationFault 2050 String length is either shorter or longer than supported by specification | String length specified does not match the supported length. Min:0 Max:500 supported. Supplied length: 501 | DisplayName
400 ValidationFault 2050 String length is either shorter or longer than supported by specification | String length specified does not match the supported length. Min:0 Max:21 supported. Supplied length: 22 | DocNumber
