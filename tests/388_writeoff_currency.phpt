--TEST--
Write-off in a foreign currency: a EUR invoice partly paid and written off is booked in EUR at its rate (the memo and its application), the invoice's EUR balance falls to 0, Synced; a write-off in another currency than its customer's is an Error naming both, nothing written
--FILE--
<?php
require __DIR__ . '/engine.inc';
$realm = qbo_test_company(['name' => 'mc 388', 'multicurrency' => true]);
[$conn] = qbo_test_connect([], $realm);
qbo_push($conn, 'customer', eng_customer('c1', 'Ida', 'Berg', 'ida@example.com', ['currency' => 'EUR']));
$i = qbo_push($conn, 'invoice', eng_invoice('i1', 'c1', '100.00', 'EU-1', ['currency' => 'EUR', 'exchange_rate' => '1.1']));
qbo_push($conn, 'payment', eng_payment('p1', 'c1', '40.00', 'i1') + ['currency' => 'EUR', 'exchange_rate' => '1.1']);
$w = qbo_push($conn, 'writeoff', ['id' => 'w1', 'customer' => 'c1', 'invoice' => 'i1', 'date' => '2026-12-01', 'amount' => '60.00',
    'currency' => 'EUR', 'exchange_rate' => '1.12']);
$inv = qbo_test_api($realm, 'GET', 'invoice/' . $i['qbo_id'])['json']['Invoice'];
$cm = qbo_test_api($realm, 'GET', 'creditmemo/' . $w['qbo_id'])['json']['CreditMemo'];
echo "write-off: {$w['state']}; memo {$cm['CurrencyRef']['value']} total {$cm['TotalAmt']} rate {$cm['ExchangeRate']} home {$cm['HomeTotalAmt']}, balance {$cm['Balance']}\n";
foreach (eng_qbo_all($realm, 'Payment') as $pay) {
    if (($pay['PrivateNote'] ?? '') === 'qbosync:writeoff:w1 credit applied') {
        echo "application: {$pay['CurrencyRef']['value']} rate {$pay['ExchangeRate']} total {$pay['TotalAmt']}, lines ",
            implode(', ', array_map(fn($l) => $l['LinkedTxn'][0]['TxnType'] . ' ' . $l['Amount'], $pay['Line'])), "\n";
    }
}
echo "QBO invoice: {$inv['CurrencyRef']['value']} total {$inv['TotalAmt']}, balance {$inv['Balance']}\n";
$before = count(eng_qbo_all($realm, 'CreditMemo'));
$w = qbo_push($conn, 'writeoff', ['id' => 'w2', 'customer' => 'c1', 'invoice' => 'i1', 'date' => '2026-12-01', 'amount' => '1.00']);
echo "without the customer's currency: {$w['state']} - {$w['reason']}; memos written: ", count(eng_qbo_all($realm, 'CreditMemo')) - $before, "\n";
?>
--EXPECT--
write-off: Synced; memo EUR total 60 rate 1.12 home 67.2, balance 0
application: EUR rate 1.12 total 0, lines Invoice 60, CreditMemo 60
QBO invoice: EUR total 100, balance 0
without the customer's currency: Error - Write-off w2: it is in USD (no currency given) but its customer c1 is in EUR; QuickBooks keeps every transaction in its customer's currency: send the writeoff with currency EUR (and its exchange_rate), then push it again; memos written: 0