--TEST--
Sandbox data: a multicurrency company keeps customers and transactions in their currency (JPY 0, BHD 3 decimals), with home amounts, rates and QBO's currency faults
--FILE--
<?php
require __DIR__ . '/helper.inc';
$cc = fn($co, $where = '') => sbx_query($co, 'select * from CompanyCurrency' . $where)['json']['QueryResponse']['CompanyCurrency'] ?? [];
$off = sbx_company();
echo 'off: ', sbx_fault_line(sbx_api($off, 'POST', 'customer', ['DisplayName' => 'E', 'CurrencyRef' => ['value' => 'EUR']])), "\n";
$co = sbx_company(['multicurrency' => true, 'currencies' => ['EUR', 'JPY', 'BHD']]);
$p = sbx_api($co, 'GET', 'preferences')['json']['Preferences']['CurrencyPrefs'];
echo 'prefs: ', json_encode($p), "\n";
echo 'list: ', implode(',', array_column($cc($co), 'Code')), "\n";
$x = sbx_api($co, 'GET', 'exchangerate', null, ['sourcecurrencycode' => 'EUR', 'asofdate' => '2026-11-14'])['json']['ExchangeRate'];
echo 'rate: ', $x['SourceCurrencyCode'], '->', $x['TargetCurrencyCode'], ' ', $x['Rate'], "\n";
$x = sbx_api($co, 'POST', 'exchangerate', ['SourceCurrencyCode' => 'EUR', 'Rate' => 1.1, 'AsOfDate' => '2026-11-10'])['json']['ExchangeRate'];
$x = sbx_api($co, 'GET', 'exchangerate', null, ['sourcecurrencycode' => 'EUR', 'asofdate' => '2026-11-14'])['json']['ExchangeRate'];
echo 'set rate: ', $x['AsOfDate'], ' ', $x['Rate'], "\n";
$eur = sbx_t_customer($co, 'Euro GmbH', ['CurrencyRef' => ['value' => 'EUR']]);
$jpy = sbx_t_customer($co, 'Yen KK', ['CurrencyRef' => ['value' => 'JPY']]);
$bhd = sbx_t_customer($co, 'Dinar WLL', ['CurrencyRef' => ['value' => 'BHD']]);
$chf = sbx_t_customer($co, 'Franc AG', ['CurrencyRef' => ['value' => 'CHF']]);
echo 'customers: ', $eur['CurrencyRef']['value'], ' ', $jpy['CurrencyRef']['value'], ' ', $bhd['CurrencyRef']['value'], ' ', $chf['CurrencyRef']['value'],
    ' (list now ', implode(',', array_column($cc($co), 'Code')), ")\n";
$line = fn($amt) => ['Amount' => $amt, 'DetailType' => 'SalesItemLineDetail', 'SalesItemLineDetail' => ['ItemRef' => ['value' => '1']]];
echo 'no rate: ', sbx_fault_line(sbx_api($co, 'POST', 'invoice', ['CustomerRef' => ['value' => $eur['Id']], 'Line' => [$line(10)]])), "\n";
echo 'other currency: ', sbx_fault_line(sbx_api($co, 'POST', 'invoice', ['CustomerRef' => ['value' => $eur['Id']], 'CurrencyRef' => ['value' => 'JPY'],
    'ExchangeRate' => 0.0067, 'Line' => [$line(10)]])), "\n";
echo 'yen decimals: ', sbx_fault_line(sbx_api($co, 'POST', 'invoice', ['CustomerRef' => ['value' => $jpy['Id']], 'ExchangeRate' => 0.0067,
    'Line' => [$line(1200.5)]])), "\n";
$i = sbx_api($co, 'POST', 'invoice', ['CustomerRef' => ['value' => $eur['Id']], 'CurrencyRef' => ['value' => 'EUR'], 'ExchangeRate' => 1.1,
    'Line' => [$line('100.55')]])['json']['Invoice'];
echo "EUR invoice: {$i['CurrencyRef']['value']} total {$i['TotalAmt']} rate {$i['ExchangeRate']} home {$i['HomeTotalAmt']} / {$i['HomeBalance']}\n";
$j = sbx_api($co, 'POST', 'invoice', ['CustomerRef' => ['value' => $jpy['Id']], 'ExchangeRate' => 0.0067, 'Line' => [$line(1201)]])['json']['Invoice'];
echo "JPY invoice: total {$j['TotalAmt']} home {$j['HomeTotalAmt']}\n";
$b = sbx_api($co, 'POST', 'invoice', ['CustomerRef' => ['value' => $bhd['Id']], 'ExchangeRate' => 2.65, 'Line' => [$line('10.125')]])['json']['Invoice'];
echo "BHD invoice: total {$b['TotalAmt']} home {$b['HomeTotalAmt']}\n";
$pay = sbx_api($co, 'POST', 'payment', ['CustomerRef' => ['value' => $jpy['Id']], 'TotalAmt' => 1000, 'ExchangeRate' => 0.007,
    'Line' => [['Amount' => 1000, 'LinkedTxn' => [['TxnId' => $j['Id'], 'TxnType' => 'Invoice']]]]])['json']['Payment'];
$j = sbx_api($co, 'GET', 'invoice/' . $j['Id'])['json']['Invoice'];
echo "JPY paid 1000: payment {$pay['CurrencyRef']['value']} {$pay['TotalAmt']}, invoice balance {$j['Balance']} home {$j['HomeBalance']}, customer balance ",
    sbx_api($co, 'GET', 'customer/' . $jpy['Id'])['json']['Customer']['Balance'], "\n";
echo 'change currency: ', sbx_fault_line(sbx_api($co, 'POST', 'customer', ['Id' => $jpy['Id'], 'SyncToken' => $jpy['SyncToken'], 'sparse' => true,
    'CurrencyRef' => ['value' => 'EUR']])), "\n";
$c = $cc($co, " where Code = 'BHD'")[0];
sbx_api($co, 'POST', 'companycurrency', ['Id' => $c['Id'], 'SyncToken' => $c['SyncToken'], 'Code' => 'BHD', 'Active' => false]);
echo 'inactive: ', sbx_fault_line(sbx_api($co, 'POST', 'invoice', ['CustomerRef' => ['value' => $bhd['Id']], 'ExchangeRate' => 2.65, 'Line' => [$line(1)]])), "\n";
foreach (sbx_ledger($co)['currencies'] as $r) {
    printf("ledger %s: invoiced %s (home %s) open %s (home %s) payments %s\n", $r['currency'], $r['invoiced'], $r['invoiced_home'], $r['open'], $r['open_home'], $r['payments']);
}
?>
--EXPECT--
off: 400 ValidationFault 6000 A business validation error has occurred while processing your request | Business Validation Error: Multi Currency should be enabled to perform this operation (multicurrency is off; CurrencyRef must be the home currency USD). | CurrencyRef
prefs: {"MultiCurrencyEnabled":true,"HomeCurrency":{"value":"USD"}}
list: EUR,JPY,BHD
rate: EUR->USD 1.08
set rate: 2026-11-10 1.1
customers: EUR JPY BHD CHF (list now EUR,JPY,BHD,CHF)
no rate: 400 ValidationFault 2410 Curreny, ExchangeRate is missing. | The currency and exchange rate are required for transaction in foreign currency. | ExchangeRate
other currency: 400 ValidationFault 6000 A business validation error has occurred while processing your request | Business Validation Error: You can only use one foreign currency per transaction. (The customer is in EUR, the transaction in JPY.) | CurrencyRef
yen decimals: 400 ValidationFault 6000 A business validation error has occurred while processing your request | Business Validation Error: The amount 1200.5 has more decimals than the currency allows (0). | Line.Amount
EUR invoice: EUR total 100.55 rate 1.1 home 110.61 / 110.61
JPY invoice: total 1201 home 8.05
BHD invoice: total 10.125 home 26.83
JPY paid 1000: payment JPY 1000, invoice balance 201 home 1.35, customer balance 201
change currency: 400 ValidationFault 6000 A business validation error has occurred while processing your request | Business Validation Error: You can't change the currency of a customer that has transactions (JPY). | CurrencyRef
inactive: 400 ValidationFault 6000 A business validation error has occurred while processing your request | Business Validation Error: The currency BHD is inactive in the company's currency list. | CurrencyRef
ledger BHD: invoiced 10.125 (home 26.83) open 10.125 (home 26.83) payments 0
ledger EUR: invoiced 100.55 (home 110.61) open 100.55 (home 110.61) payments 0
ledger JPY: invoiced 1201 (home 8.05) open 201 (home 1.35) payments 1000
