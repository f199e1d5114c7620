--TEST--
Sandbox data: Batch with requestid: requestid + bId longer than 50 fails that item (6000)
--FILE--
<?php
require __DIR__ . '/helper.inc';
$co = sbx_company();
$rid = str_repeat('b', 45);
$r = sbx_api($co, 'POST', 'batch', ['BatchItemRequest' => [
    ['bId' => 'ok1', 'operation' => 'create', 'Customer' => ['DisplayName' => 'Bid Short']],
    ['bId' => 'toolong', 'operation' => 'create', 'Customer' => ['DisplayName' => 'Bid Long']]]], ['requestid' => $rid]);
echo $r['status'], "\n";
foreach ($r['json']['BatchItemResponse'] as $it) {
    echo $it['bId'], ' ', isset($it['Fault']) ? $it['Fault']['Error'][0]['code'] . ' ' . substr($it['Fault']['Error'][0]['Detail'], -16) : $it['Customer']['DisplayName'], "\n";
}
?>
--EXPECT--
200
ok1 Bid Short
toolong 6000 s 52 characters.
