--TEST--
Sandbox data: Payment DepositToAccountRef defaults to Undeposited Funds; an income account is refused
--FILE--
<?php
require __DIR__ . '/helper.inc';
$co = sbx_company();
$c = sbx_t_customer($co);
$p = sbx_api($co, 'POST', 'payment', ['CustomerRef' => ['value' => $c['Id']], 'TotalAmt' => 5])['json']['Payment'];
echo $p['DepositToAccountRef']['name'], "\n";
$q = sbx_api($co, 'POST', 'payment', ['CustomerRef' => ['value' => $c['Id']], 'TotalAmt' => 5, 'DepositToAccountRef' => ['value' => '3']])['json']['Payment'];
echo $q['DepositToAccountRef']['name'], "\n";
echo sbx_fault_line(sbx_api($co, 'POST', 'payment', ['CustomerRef' => ['value' => $c['Id']], 'TotalAmt' => 5, 'DepositToAccountRef' => ['value' => '1']])), "\n";
?>
--EXPECT--
Undeposited Funds
Checking
400 ValidationFault 6000 A business validation error has occurred while processing your request | Business Validation Error: Invalid account type: DepositToAccountRef must be a Bank or Other Current Asset account. | DepositToAccountRef
