--TEST--
Sandbox data: CDC changedSince older than 30 days: 400
--FILE--
<?php
require __DIR__ . '/helper.inc';
$co = sbx_company();
$r = sbx_api($co, 'GET', 'cdc', null, ['entities' => 'Customer', 'changedSince' => date('Y-m-d', time() - 40 * 86400)]);
echo preg_replace('/\d{4}-\d{2}-\d{2}/', 'DATE', sbx_fault_line($r)), "\n";
$ok = sbx_api($co, 'GET', 'cdc', null, ['entities' => 'Customer', 'changedSince' => date('Y-m-d', time() - 29 * 86400)]);
echo $ok['status'], ' ', count($ok['json']['CDCResponse'][0]['QueryResponse'][0]['Customer']), "\n";
?>
--EXPECT--
400 ValidationFault 6000 A business validation error has occurred while processing your request | Business Validation Error: The changedSince value DATE is more than 30 days ago. CDC can only look back 30 days. | changedSince
200 3
