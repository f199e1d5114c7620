--TEST--
Multi-currency: a EUR credit note applied to a EUR invoice and a EUR refund are booked in EUR at their rates (the application Payment too); the invoice's EUR balance falls by exactly the credit; all Synced
--FILE--
<?php
require __DIR__ . '/engine.inc';
$realm = qbo_test_company(['name' => 'mc 348', 'multicurrency' => true]);
[$conn] = qbo_test_connect([], $realm);
qbo_push($conn, 'customer', eng_customer('c1', 'Ida', 'Berg', 'ida@example.com', ['currency' => 'EUR']));
$i = qbo_push($conn, 'invoice', eng_invoice('i1', 'c1', '100.00', 'EU-1', ['currency' => 'EUR', 'exchange_rate' => '1.1']));
$cr = qbo_push($conn, 'credit', ['id' => 'cr1', 'customer' => 'c1', 'date' => '2026-11-22', 'amount' => '30.00', 'reason' => 'Goodwill',
    'currency' => 'EUR', 'exchange_rate' => '1.1', 'applies_to' => [['invoice' => 'i1', 'amount' => '25.00']]]);
$p = qbo_push($conn, 'payment', eng_payment('p1', 'c1', '75.00', 'i1') + ['currency' => 'EUR', 'exchange_rate' => '1.1']);
$r = qbo_push($conn, 'refund', ['id' => 'r1', 'customer' => 'c1', 'date' => '2026-11-25', 'amount' => '15.00', 'refunds' => 'p1',
    'invoice' => 'i1', 'currency' => 'EUR', 'exchange_rate' => '1.08']);
foreach ([$i, $cr, $p, $r] as $s) {
    echo "{$s['kind']} {$s['id']}: {$s['state']}", $s['reason'] ? " ({$s['reason']})" : '', "\n";
}
$inv = qbo_test_api($realm, 'GET', 'invoice/' . $i['qbo_id'])['json']['Invoice'];
$cm = qbo_test_api($realm, 'GET', 'creditmemo/' . $cr['qbo_id'])['json']['CreditMemo'];
$rr = qbo_test_api($realm, 'GET', 'refundreceipt/' . $r['qbo_id'])['json']['RefundReceipt'];
echo "QBO invoice: {$inv['CurrencyRef']['value']} total {$inv['TotalAmt']}, balance {$inv['Balance']}\n";
echo "QBO credit memo: {$cm['CurrencyRef']['value']} total {$cm['TotalAmt']} rate {$cm['ExchangeRate']} home {$cm['HomeTotalAmt']}, remaining {$cm['RemainingCredit']}\n";
echo "QBO refund: {$rr['CurrencyRef']['value']} total {$rr['TotalAmt']} rate {$rr['ExchangeRate']} home {$rr['HomeTotalAmt']}\n";
foreach (eng_qbo_all($realm, 'Payment') as $pay) {
    if (str_contains($pay['PrivateNote'] ?? '', 'credit applied')) {
        echo "application: {$pay['CurrencyRef']['value']} rate {$pay['ExchangeRate']} total {$pay['TotalAmt']}, lines ",
            implode(', ', array_map(fn($l) => $l['LinkedTxn'][0]['TxnType'] . ' ' . $l['Amount'], $pay['Line'])), "\n";
    }
}
?>
--EXPECT--
invoice i1: Synced
credit cr1: Synced
payment p1: Synced
refund r1: Synced
QBO invoice: EUR total 100, balance 0
QBO credit memo: EUR total 30 rate 1.1 home 33, remaining 5
QBO refund: EUR total 15 rate 1.08 home 16.2
application: EUR rate 1.1 total 0, lines Invoice 25, CreditMemo 25
