--TEST--
Sandbox data: Every entity read back and posted unchanged as a full update is accepted (SyncToken + 1, same data)
--FILE--
<?php
require __DIR__ . '/helper.inc';
$co = sbx_company();
$c = sbx_t_customer($co, 'Round Trip', ['BillAddr' => ['Line1' => '1 Main St', 'City' => 'Springfield']]);
$i = sbx_t_invoice($co, $c['Id'], [sbx_line('2', 1, 100, 'TAX')], ['TxnTaxDetail' => ['TxnTaxCodeRef' => ['value' => '1']]]);
sbx_api($co, 'POST', 'invoice/' . $i['Id'] . '/send', null, ['sendTo' => 'rt@example.com']);
$p = sbx_t_payment($co, $c['Id'], 50, [$i['Id'] => 50])['json']['Payment'];
$cm = sbx_api($co, 'POST', 'creditmemo', ['CustomerRef' => ['value' => $c['Id']], 'Line' => [sbx_line('2', 1, 5)]])['json']['CreditMemo'];
$rr = sbx_api($co, 'POST', 'refundreceipt', ['CustomerRef' => ['value' => $c['Id']], 'DepositToAccountRef' => ['value' => '3'], 'Line' => [sbx_line('2', 1, 5)]])['json']['RefundReceipt'];
$targets = [['customer', $c['Id']], ['invoice', $i['Id']], ['payment', $p['Id']], ['creditmemo', $cm['Id']], ['refundreceipt', $rr['Id']],
    ['item', '2'], ['account', '3'], ['term', '4'], ['paymentmethod', '1'], ['companyinfo', $co['realm']]];
$strip = function (array $o) { unset($o['SyncToken'], $o['MetaData']); return $o; };
foreach ($targets as [$path, $id]) {
    $g = sbx_api($co, 'GET', "$path/$id")['json'];
    $name = array_key_first($g);
    $before = $g[$name];
    $u = sbx_api($co, 'POST', $path, $before);
    $after = $u['json'][$name] ?? null;
    echo str_pad($name, 14), $u['status'], ' SyncToken ', $before['SyncToken'], '->', $after['SyncToken'] ?? '?', ' ',
        $after !== null && $strip($after) == $strip($before) ? 'same data' : 'changed: ' . json_encode(array_keys(array_diff_key($strip($before), $strip($after ?? [])))), "\n";
}
?>
--EXPECT--
Customer      200 SyncToken 0->1 same data
Invoice       200 SyncToken 2->3 same data
Payment       200 SyncToken 0->1 same data
CreditMemo    200 SyncToken 0->1 same data
RefundReceipt 200 SyncToken 0->1 same data
Item          200 SyncToken 0->1 same data
Account       200 SyncToken 0->1 same data
Term          200 SyncToken 0->1 same data
PaymentMethod 200 SyncToken 0->1 same data
CompanyInfo   200 SyncToken 0->1 same data
