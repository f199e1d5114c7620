--TEST--
Multi-currency: "Synced" is verified in the document's currency: a EUR customer mapped by hand to a QuickBooks customer kept in USD is a Mismatch naming both currencies, never Synced; the same customer mapped to a EUR one is Synced
--FILE--
<?php
require __DIR__ . '/engine.inc';
$realm = qbo_test_company(['name' => 'mc 349', 'multicurrency' => true]);
[$conn] = qbo_test_connect([], $realm);
$usd = qbo_test_api($realm, 'POST', 'customer', ['DisplayName' => 'Ida (USD)'])['json']['Customer'];
$eur = qbo_test_api($realm, 'POST', 'customer', ['DisplayName' => 'Ida (EUR)', 'CurrencyRef' => ['value' => 'EUR']])['json']['Customer'];
qbo_map($conn, 'customer', 'c1', $usd['Id']);
$c = qbo_push($conn, 'customer', eng_customer('c1', 'Ida', 'Berg', 'ida@example.com', ['currency' => 'EUR']));
echo "mapped to the USD customer: {$c['state']}: {$c['reason']}\n";
qbo_map($conn, 'customer', 'c2', $eur['Id']);
$c = qbo_push($conn, 'customer', eng_customer('c2', 'Ida', 'Berg', 'ida2@example.com', ['currency' => 'EUR']));
echo "mapped to the EUR customer: {$c['state']}\n";
$s = qbo_status($conn);
echo "status: Mismatch ", $s['counts']['Mismatch'] ?? 0, ", Synced ", $s['counts']['Synced'] ?? 0, "\n";
?>
--EXPECT--
mapped to the USD customer: Mismatch: Customer c1: QuickBooks currency USD, billing currency EUR — QuickBooks keeps a record in its customer's currency and never changes a customer's currency: map the customer to a QuickBooks customer in EUR (turning multi-currency on there first if it is off), then send it again with qbo_resend()
mapped to the EUR customer: Synced
status: Mismatch 1, Synced 1
