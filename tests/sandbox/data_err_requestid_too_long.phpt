--TEST--
Sandbox data: requestid longer than 50 characters: 400 code 6000, nothing created
--FILE--
<?php
require __DIR__ . '/helper.inc';
$co = sbx_company();
$rid = str_repeat('r', 51);
$r = sbx_api($co, 'POST', 'customer', ['DisplayName' => 'Long Rid'], ['requestid' => $rid]);
echo sbx_fault_line($r), "\n";
$q = sbx_query($co, "select count(*) from Customer where DisplayName = 'Long Rid'");
echo 'count=', $q['json']['QueryResponse']['totalCount'], "\n";
?>
--EXPECT--
400 ValidationFault 6000 A business validation error has occurred while processing your request | Business Validation Error: You cannot enter more than 50 characters in the request_id field. You tried entering rrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrr, which is 51 characters. | 
count=0
