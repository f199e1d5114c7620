--TEST--
Sandbox data: A batch item that faults after it began writing leaves nothing behind; the items after it see the books without it
--FILE--
<?php
require __DIR__ . '/helper.inc';
$co = sbx_company();
$c = sbx_t_customer($co, 'Savepoint Customer');
$line = ['DetailType' => 'SalesItemLineDetail', 'Amount' => 10, 'SalesItemLineDetail' => ['ItemRef' => ['value' => '1']]];
// item 1 raises QBO's "last number + 1" to 9300 before its unknown SalesTermRef faults (2500):
// undone, so item 2 (no DocNumber) is numbered as if item 1 had never been sent
$r = sbx_api($co, 'POST', 'batch', ['BatchItemRequest' => [
    ['bId' => '1', 'operation' => 'create', 'Invoice' => ['CustomerRef' => ['value' => $c['Id']], 'DocNumber' => '9300',
        'SalesTermRef' => ['value' => '999'], 'Line' => [$line]]],
    ['bId' => '2', 'operation' => 'create', 'Invoice' => ['CustomerRef' => ['value' => $c['Id']], 'Line' => [$line]]],
    ['bId' => '3', 'operation' => 'create', 'Customer' => ['DisplayName' => 'Savepoint Second']],
]], ['requestid' => bin2hex(random_bytes(8))]);
echo $r['status'], "\n";
foreach ($r['json']['BatchItemResponse'] as $it) {
    echo $it['bId'], ' ', isset($it['Fault']) ? 'Fault ' . $it['Fault']['Error'][0]['code'] . ' ' . $it['Fault']['Error'][0]['element']
        : (isset($it['Invoice']) ? 'Invoice DocNumber ' . $it['Invoice']['DocNumber'] : 'Customer ' . $it['Customer']['DisplayName']), "\n";
}
echo sbx_query($co, "select count(*) from Invoice")['json']['QueryResponse']['totalCount'], " invoice(s)\n";
echo sbx_query($co, "select count(*) from Customer where DisplayName = 'Savepoint Second'")['json']['QueryResponse']['totalCount'], " second customer\n";
$next = sbx_api($co, 'POST', 'invoice', ['CustomerRef' => ['value' => $c['Id']], 'Line' => [$line]]);
echo 'next invoice DocNumber ', $next['json']['Invoice']['DocNumber'], "\n";
?>
--EXPECT--
200
1 Fault 2500 SalesTermRef
2 Invoice DocNumber 1001
3 Customer Savepoint Second
1 invoice(s)
1 second customer
next invoice DocNumber 1002
