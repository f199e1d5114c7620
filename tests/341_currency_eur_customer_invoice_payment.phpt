--TEST--
Multi-currency: a EUR customer, invoice and payment are booked in EUR with their exchange rates (CurrencyRef, ExchangeRate, HomeTotalAmt in the ledger), all Synced, the invoice paid in EUR
--FILE--
<?php
require __DIR__ . '/engine.inc';
$realm = qbo_test_company(['name' => 'mc 341', 'multicurrency' => true]);
[$conn] = qbo_test_connect([], $realm);
$c = qbo_push($conn, 'customer', eng_customer('c1', 'Ida', 'Berg', 'ida@example.com', ['currency' => 'EUR']));
$i = qbo_push($conn, 'invoice', eng_invoice('i1', 'c1', '100.00', 'EU-1', ['currency' => 'EUR', 'exchange_rate' => '1.1']));
$pd = eng_payment('p1', 'c1', '60.00', 'i1') + ['currency' => 'EUR', 'exchange_rate' => '1.12'];
$p = qbo_push($conn, 'payment', $pd);
foreach ([$c, $i, $p] as $s) {
    echo "{$s['kind']} {$s['id']}: {$s['state']}", $s['reason'] ? " ({$s['reason']})" : '', "\n";
}
$cu = qbo_test_api($realm, 'GET', 'customer/' . $c['qbo_id'])['json']['Customer'];
$inv = qbo_test_api($realm, 'GET', 'invoice/' . $i['qbo_id'])['json']['Invoice'];
$pay = qbo_test_api($realm, 'GET', 'payment/' . $p['qbo_id'])['json']['Payment'];
echo "QBO customer: {$cu['CurrencyRef']['value']}, balance {$cu['Balance']}\n";
echo "QBO invoice: {$inv['CurrencyRef']['value']} total {$inv['TotalAmt']} rate {$inv['ExchangeRate']} home total {$inv['HomeTotalAmt']}, balance {$inv['Balance']} (home {$inv['HomeBalance']})\n";
echo "QBO payment: {$pay['CurrencyRef']['value']} total {$pay['TotalAmt']} rate {$pay['ExchangeRate']} applied to the invoice: ",
    var_export($pay['Line'][0]['LinkedTxn'][0]['TxnId'] === $i['qbo_id'], true), "\n";
foreach (qbo_test_ledger($realm)['currencies'] as $r) {
    echo "ledger {$r['currency']}: invoiced {$r['invoiced']} (home {$r['invoiced_home']}), open {$r['open']} (home {$r['open_home']}), payments {$r['payments']} (home {$r['payments_home']})\n";
}
?>
--EXPECT--
customer c1: Synced
invoice i1: Synced
payment p1: Synced
QBO customer: EUR, balance 40
QBO invoice: EUR total 100 rate 1.1 home total 110, balance 40 (home 44)
QBO payment: EUR total 60 rate 1.12 applied to the invoice: true
ledger EUR: invoiced 100 (home 110), open 40 (home 44), payments 60 (home 67.2)
