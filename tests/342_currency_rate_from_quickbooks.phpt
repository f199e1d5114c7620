--TEST--
Multi-currency: a foreign invoice without exchange_rate takes QuickBooks' rate for its date (GET exchangerate); a currency QuickBooks has no rate for is an Error naming the currency, the date and the fix, with nothing written
--FILE--
<?php
require __DIR__ . '/engine.inc';
$realm = qbo_test_company(['name' => 'mc 342', 'multicurrency' => true, 'currencies' => ['EUR', 'SEK']]);
[$conn] = qbo_test_connect([], $realm);
qbo_test_api($realm, 'POST', 'exchangerate', ['SourceCurrencyCode' => 'EUR', 'Rate' => 1.0953, 'AsOfDate' => '2026-11-19']);
qbo_push($conn, 'customer', eng_customer('c1', 'Ida', 'Berg', 'ida@example.com', ['currency' => 'EUR']));
$i = qbo_push($conn, 'invoice', eng_invoice('i1', 'c1', '50.00', 'EU-1', ['currency' => 'EUR']));
$inv = qbo_test_api($realm, 'GET', 'invoice/' . $i['qbo_id'])['json']['Invoice'];
echo "invoice i1: {$i['state']}, QBO rate {$inv['ExchangeRate']}, home total {$inv['HomeTotalAmt']}\n";
$c = qbo_push($conn, 'customer', eng_customer('c2', 'Sven', 'Olsson', 'sven@example.com', ['currency' => 'SEK']));
$s = qbo_push($conn, 'invoice', eng_invoice('i2', 'c2', '500.00', 'SE-1', ['currency' => 'SEK']));
echo "customer c2: {$c['state']}\ninvoice i2: {$s['state']}: {$s['reason']}\n";
echo "QBO invoices of the SEK customer: ", count(qbo_test_query($realm, "select * from Invoice where CustomerRef = '{$c['qbo_id']}'")), "\n";
qbo_test_api($realm, 'POST', 'exchangerate', ['SourceCurrencyCode' => 'SEK', 'Rate' => 0.094, 'AsOfDate' => '2026-11-01']);
$s = qbo_push($conn, 'invoice', eng_invoice('i2', 'c2', '500.00', 'SE-1', ['currency' => 'SEK']), QBO_FORCE);
$inv = qbo_test_api($realm, 'GET', 'invoice/' . $s['qbo_id'])['json']['Invoice'];
echo "after the rate is entered: {$s['state']}, QBO {$inv['CurrencyRef']['value']} rate {$inv['ExchangeRate']}, home total {$inv['HomeTotalAmt']}\n";
?>
--EXPECT--
invoice i1: Synced, QBO rate 1.0953, home total 54.77
customer c2: Synced
invoice i2: Error: Invoice i2: QuickBooks has no exchange rate for SEK on 2026-11-20; send exchange_rate with the document, or enter the rate in QuickBooks (Settings › Currencies), then send it again with qbo_resend()
QBO invoices of the SEK customer: 0
after the rate is entered: Synced, QBO SEK rate 0.094, home total 47
