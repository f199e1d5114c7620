--TEST--
Sandbox data: Deposit is queryable (count, TxnDate, TotalAmt); a property it does not have is refused with 4001
--FILE--
<?php
require __DIR__ . '/helper.inc';
$co = sbx_company();
$bank = sbx_query($co, "select * from Account where AccountType = 'Bank'")['json']['QueryResponse']['Account'][0]['Id'];
$inc = sbx_query($co, "select * from Account where AccountType = 'Income'")['json']['QueryResponse']['Account'][0]['Id'];
$r = sbx_api($co, 'POST', 'deposit', ['DepositToAccountRef' => ['value' => $bank], 'TxnDate' => '2026-11-20',
    'Line' => [['Amount' => 40.5, 'DetailType' => 'DepositLineDetail', 'DepositLineDetail' => ['AccountRef' => ['value' => $inc]]]]]);
echo "create: {$r['status']}\n";
echo "count: ", sbx_query($co, "select count(*) from Deposit")['json']['QueryResponse']['totalCount'], "\n";
$q = sbx_query($co, "select * from Deposit where TxnDate = '2026-11-20' and TotalAmt = '40.50'")['json']['QueryResponse'];
echo "by date and amount: ", count($q['Deposit'] ?? []), " ", $q['Deposit'][0]['TotalAmt'] ?? '-', "\n";
echo sbx_fault_line(sbx_query($co, "select * from Deposit where DocNumber = 'x'")), "\n";
?>
--EXPECT--
create: 200
count: 1
by date and amount: 1 40.5
400 ValidationFault 4001 Invalid query | QueryValidationError: property 'DocNumber' is not queryable |
