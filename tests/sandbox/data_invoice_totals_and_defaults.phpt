--TEST--
Sandbox data: Invoice create computes TotalAmt/Balance, sub-total line, DocNumber, DueDate, currency, line ids
--FILE--
<?php
require __DIR__ . '/helper.inc';
$co = sbx_company();
$c = sbx_t_customer($co);
$i = sbx_t_invoice($co, $c['Id'], [sbx_line('2', 2, 150), sbx_line('3', 1, 25.5)], ['TxnDate' => '2026-01-15']);
echo 'TotalAmt=', $i['TotalAmt'], ' Balance=', $i['Balance'], ' DocNumber=', $i['DocNumber'], "\n";
echo 'DueDate=', $i['DueDate'], ' Term=', $i['SalesTermRef']['name'], ' Currency=', $i['CurrencyRef']['value'], "\n";
foreach ($i['Line'] as $l) {
    echo ($l['Id'] ?? '-'), ' ', $l['DetailType'], ' ', $l['Amount'], "\n";
}
echo 'SyncToken=', $i['SyncToken'], ' domain=', $i['domain'], ' item=', $i['Line'][0]['SalesItemLineDetail']['ItemRef']['name'], "\n";
$j = sbx_t_invoice($co, $c['Id'], [sbx_line('2', 1, 1)]);
echo 'next DocNumber=', $j['DocNumber'], "\n";
?>
--EXPECT--
TotalAmt=325.5 Balance=325.5 DocNumber=1001
DueDate=2026-02-14 Term=Net 30 Currency=USD
1 SalesItemLineDetail 300
2 SalesItemLineDetail 25.5
- SubTotalLineDetail 325.5
SyncToken=0 domain=QBO item=Consulting hour
next DocNumber=1002
