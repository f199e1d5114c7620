--TEST--
Sandbox data: A credit memo applied to an invoice through a zero payment
--FILE--
<?php
require __DIR__ . '/helper.inc';
$co = sbx_company();
$c = sbx_t_customer($co);
$i = sbx_t_invoice($co, $c['Id'], [sbx_line('2', 1, 100)]);
$cm = sbx_api($co, 'POST', 'creditmemo', ['CustomerRef' => ['value' => $c['Id']], 'Line' => [sbx_line('2', 1, 30)]])['json']['CreditMemo'];
echo 'CreditMemo TotalAmt=', $cm['TotalAmt'], ' RemainingCredit=', $cm['RemainingCredit'], "\n";
echo 'Customer Balance=', sbx_api($co, 'GET', 'customer/' . $c['Id'])['json']['Customer']['Balance'], "\n";
$p = sbx_api($co, 'POST', 'payment', ['CustomerRef' => ['value' => $c['Id']], 'TotalAmt' => 0, 'Line' => [
    ['Amount' => 30, 'LinkedTxn' => [['TxnId' => $i['Id'], 'TxnType' => 'Invoice']]],
    ['Amount' => 30, 'LinkedTxn' => [['TxnId' => $cm['Id'], 'TxnType' => 'CreditMemo']]]]]);
echo $p['status'], ' UnappliedAmt=', $p['json']['Payment']['UnappliedAmt'], "\n";
echo 'Invoice Balance=', sbx_api($co, 'GET', 'invoice/' . $i['Id'])['json']['Invoice']['Balance'], "\n";
echo 'CreditMemo RemainingCredit=', sbx_api($co, 'GET', 'creditmemo/' . $cm['Id'])['json']['CreditMemo']['RemainingCredit'], "\n";
echo 'Customer Balance=', sbx_api($co, 'GET', 'customer/' . $c['Id'])['json']['Customer']['Balance'], "\n";
?>
--EXPECT--
CreditMemo TotalAmt=30 RemainingCredit=30
Customer Balance=70
200 UnappliedAmt=0
Invoice Balance=70
CreditMemo RemainingCredit=0
Customer Balance=70
