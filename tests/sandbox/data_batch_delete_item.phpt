--TEST--
Sandbox data: Batch delete of an invoice returns the Deleted stub for that item
--FILE--
<?php
require __DIR__ . '/helper.inc';
$co = sbx_company();
$c = sbx_t_customer($co);
$i = sbx_t_invoice($co, $c['Id'], [sbx_line('2', 1, 10)]);
$r = sbx_api($co, 'POST', 'batch', ['BatchItemRequest' => [
    ['bId' => 'd1', 'operation' => 'delete', 'Invoice' => ['Id' => $i['Id'], 'SyncToken' => $i['SyncToken']]]]]);
$it = $r['json']['BatchItemResponse'][0];
echo $r['status'], ' ', $it['bId'], ' ', $it['Invoice']['status'], ' ', $it['Invoice']['Id'] === $i['Id'] ? 'same id' : 'other id', "\n";
echo sbx_api($co, 'GET', 'invoice/' . $i['Id'])['json']['Fault']['Error'][0]['code'], "\n";
?>
--EXPECT--
200 d1 Deleted same id
610
