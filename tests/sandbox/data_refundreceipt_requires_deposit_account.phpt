--TEST--
Sandbox data: RefundReceipt requires DepositToAccountRef; with it the refund is created
--FILE--
<?php
require __DIR__ . '/helper.inc';
$co = sbx_company();
$c = sbx_t_customer($co);
echo sbx_fault_line(sbx_api($co, 'POST', 'refundreceipt', ['CustomerRef' => ['value' => $c['Id']], 'Line' => [sbx_line('2', 1, 20)]])), "\n";
$r = sbx_api($co, 'POST', 'refundreceipt', ['CustomerRef' => ['value' => $c['Id']], 'Line' => [sbx_line('2', 1, 20)],
    'DepositToAccountRef' => ['value' => '3'], 'PaymentMethodRef' => ['value' => '2']]);
$o = $r['json']['RefundReceipt'];
echo $r['status'], ' TotalAmt=', $o['TotalAmt'], ' Balance=', $o['Balance'], ' from=', $o['DepositToAccountRef']['name'], ' method=', $o['PaymentMethodRef']['name'], "\n";
?>
--EXPECT--
400 ValidationFault 2020 Required param missing, need to supply the required value for the API | Required parameter DepositToAccountRef is missing in the request | DepositToAccountRef
200 TotalAmt=20 Balance=0 from=Checking method=Check
