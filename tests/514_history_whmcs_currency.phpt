--TEST--
qbo_history through WHMCS's localAPI in a multicurrency company: a EUR client's invoice and payment are booked at WHMCS's rate (EUR at 0.92 to the USD default: 1.086957), as the hooks book them, not at QuickBooks' rate of the day
--FILE--
<?php
require __DIR__ . '/engine.inc';
require __DIR__ . '/whmcs/whmcs.inc';
$w = whmcs();
$w->today = '2026-11-02';
$eu = $w->addClient(['firstname' => 'Eva', 'lastname' => 'Euro', 'email' => 'eva@example.com', 'currency' => 'EUR', 'country' => 'DE']);
$i1 = $w->createInvoice($eu, [['type' => 'Hosting', 'relid' => 1, 'description' => 'Hosting (EUR)', 'amount' => '19.00']], ['invoicenum' => 'E-1']);
$w->gatewayPayment($i1, '19.00');
$w->today = '2026-11-20';
$realm = qbo_test_company(['name' => 'mc 514', 'multicurrency' => true]);
[$conn] = qbo_test_connect(['delivery' => 'worker'], $realm);   // fetch: WHMCS's localAPI
qbo_history($conn, ['since' => '2026-11-01', 'until' => '2026-11-30']);
$n = 0;
while (qbo_history_status($conn)['state'] === 'running' && $n++ < 40) {
    qbo_sync($conn);
}
$st = qbo_history_status($conn);
echo "state {$st['state']}, counts ", json_encode($st['counts']), "\n";
foreach (['Invoice', 'Payment'] as $entity) {
    foreach (eng_qbo_all($realm, $entity) as $o) {
        echo "$entity {$o['TotalAmt']} in {$o['CurrencyRef']['value']} at {$o['ExchangeRate']}\n";
    }
}
?>
--EXPECT--
state done, counts {"created":5,"linked":0,"updated":0,"unchanged":0,"skipped":0,"waiting":0,"errors":0}
Invoice 19 in EUR at 1.086957
Payment 19 in EUR at 1.086957
