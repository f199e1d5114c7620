--TEST--
Sandbox data: select count(*) gives totalCount only; no match gives an empty QueryResponse
--FILE--
<?php
require __DIR__ . '/helper.inc';
$co = sbx_company();
$r = sbx_query($co, "select count(*) from Item");
echo json_encode($r['json']['QueryResponse']), "\n";
$e = sbx_query($co, "select * from Customer where DisplayName = 'Nobody Here'");
echo $e['status'], ' ', preg_replace('/"time":"[^"]*"/', '"time":T', $e['raw']), "\n";
?>
--EXPECT--
{"totalCount":4}
200 {"QueryResponse":{},"time":T}
