--TEST--
Sandbox data: Unknown resource path: 400 code 500 Unsupported Operation
--FILE--
<?php
require __DIR__ . '/helper.inc';
$co = sbx_company();
$r = sbx_api($co, 'GET', 'widgets/1');
echo str_replace($co['realm'], 'REALM', preg_replace('/127\.0\.0\.1:\d+/', 'HOST', sbx_fault_line($r))), "\n";
?>
--EXPECT--
400 ValidationFault 500 Unsupported Operation | Operation Could not find resource for relative : /v3/company/REALM/widgets/1 of full path: http://HOST/v3/company/REALM/widgets/1?minorversion=75 is not supported. |
