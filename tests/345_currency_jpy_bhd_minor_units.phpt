--TEST--
Multi-currency: JPY (no decimals) and BHD (three) are booked in their own minor units and verified in them (Synced, not Mismatch); an amount finer than the currency is a ValidationException naming the field, nothing recorded
--FILE--
<?php
require __DIR__ . '/engine.inc';
$realm = qbo_test_company(['name' => 'mc 345', 'multicurrency' => true]);
[$conn] = qbo_test_connect([], $realm);
qbo_push($conn, 'customer', eng_customer('jp', 'Aki', 'Sato', 'aki@example.com', ['currency' => 'JPY']));
qbo_push($conn, 'customer', eng_customer('bh', 'Noor', 'Ali', 'noor@example.com', ['currency' => 'BHD']));
$j = qbo_push($conn, 'invoice', eng_invoice('j1', 'jp', '1200', 'JP-1', ['currency' => 'JPY', 'exchange_rate' => '0.0067']));
$jp = qbo_push($conn, 'payment', eng_payment('jp1', 'jp', '700', 'j1') + ['currency' => 'JPY', 'exchange_rate' => '0.0067']);
$b = qbo_push($conn, 'invoice', eng_invoice('b1', 'bh', '10.125', 'BH-1', ['currency' => 'BHD', 'exchange_rate' => '2.65']));
foreach ([$j, $jp, $b] as $s) {
    echo "{$s['kind']} {$s['id']}: {$s['state']}", $s['reason'] ? " ({$s['reason']})" : '', "\n";
}
$inv = qbo_test_api($realm, 'GET', 'invoice/' . $j['qbo_id'])['json']['Invoice'];
echo "QBO JPY invoice: total {$inv['TotalAmt']}, balance {$inv['Balance']}, home {$inv['HomeTotalAmt']} / {$inv['HomeBalance']}\n";
$inv = qbo_test_api($realm, 'GET', 'invoice/' . $b['qbo_id'])['json']['Invoice'];
echo "QBO BHD invoice: total {$inv['TotalAmt']}, line {$inv['Line'][0]['Amount']}, home {$inv['HomeTotalAmt']}\n";
foreach ([['invoice', eng_invoice('j2', 'jp', '1200.50', null, ['currency' => 'JPY'])],
          ['payment', eng_payment('bp', 'bh', '1.0005') + ['currency' => 'BHD']]] as [$k, $d]) {
    try {
        qbo_push($conn, $k, $d);
    } catch (QboSync\ValidationException $e) {
        echo get_class($e), ': ', $e->getMessage(), "\n";
    }
}
echo "entities: ", count(qbo_entities($conn)), "\n";
?>
--EXPECT--
invoice j1: Synced
payment jp1: Synced
invoice b1: Synced
QBO JPY invoice: total 1200, balance 500, home 8.04 / 3.35
QBO BHD invoice: total 10.125, line 10.125, home 26.83
QboSync\ValidationException: Invoice j2: lines[0].unit_price "1200.50" has decimals but the currency has none (JPY); send whole amounts, e.g. "1200"
QboSync\ValidationException: Payment bp: amount "1.0005" has more than 3 decimals (BHD); send at most 3 decimals, e.g. "10.125"
entities: 5
