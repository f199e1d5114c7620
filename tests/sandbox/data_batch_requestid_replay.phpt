--TEST--
Sandbox data: A batch repeated with the same requestid replays the first response and creates nothing new
--FILE--
<?php
require __DIR__ . '/helper.inc';
$co = sbx_company();
$rid = bin2hex(random_bytes(10));
$body = ['BatchItemRequest' => [['bId' => '1', 'operation' => 'create', 'Customer' => ['DisplayName' => 'Batch Replay']]]];
$a = sbx_api($co, 'POST', 'batch', $body, ['requestid' => $rid]);
$b = sbx_api($co, 'POST', 'batch', $body, ['requestid' => $rid]);
echo $a['status'], ' ', $b['status'], ' ', $a['raw'] === $b['raw'] ? 'identical' : 'different', ' ', isset($b['json']['BatchItemResponse'][0]['Customer']) ? 'Customer' : 'Fault', "\n";
echo sbx_query($co, "select count(*) from Customer where DisplayName = 'Batch Replay'")['json']['QueryResponse']['totalCount'], "\n";
?>
--EXPECT--
200 200 identical Customer
1
