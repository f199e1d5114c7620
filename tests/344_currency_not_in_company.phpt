--TEST--
Multi-currency: a currency the company does not have, or has made inactive (before this process read its currencies), is an Error naming it and the fix, with nothing written; once it is added in QuickBooks the record syncs (the company's currencies are read again before refusing)
--FILE--
<?php
require __DIR__ . '/engine.inc';
$realm = qbo_test_company(['name' => 'mc 344', 'multicurrency' => true, 'currencies' => ['EUR', 'GBP']]);
[$conn] = qbo_test_connect([], $realm);
$gbp = qbo_test_query($realm, "select * from CompanyCurrency where Code = 'GBP'")[0];
qbo_test_api($realm, 'POST', 'companycurrency', ['Id' => $gbp['Id'], 'SyncToken' => $gbp['SyncToken'], 'Code' => 'GBP', 'Active' => false]);
$e = qbo_push($conn, 'customer', eng_customer('c0', 'Eve', 'Euro', 'eve@example.com', ['currency' => 'EUR']));
echo "customer c0 (EUR): {$e['state']}\n";
$c = qbo_push($conn, 'customer', eng_customer('c1', 'Heidi', 'Keller', 'heidi@example.com', ['currency' => 'CHF']));
echo "customer c1 (CHF): {$c['state']}: {$c['reason']}\n";
echo "QBO customers named Heidi Keller: ", eng_qbo_count($realm, 'Customer', 'DisplayName', 'Heidi Keller'), "\n";
$g = qbo_push($conn, 'customer', eng_customer('c2', 'Gill', 'Pound', 'gill@example.com', ['currency' => 'GBP']));
echo "customer c2 (GBP, inactive): {$g['state']}: {$g['reason']}\n";
qbo_test_api($realm, 'POST', 'companycurrency', ['Code' => 'CHF']);
$c = qbo_push($conn, 'customer', eng_customer('c1', 'Heidi', 'Keller', 'heidi@example.com', ['currency' => 'CHF']), QBO_FORCE);
$cu = qbo_test_api($realm, 'GET', 'customer/' . $c['qbo_id'])['json']['Customer'];
echo "after CHF is added: {$c['state']}, QBO customer in {$cu['CurrencyRef']['value']}\n";
?>
--EXPECT--
customer c0 (EUR): Synced
customer c1 (CHF): Error: Customer c1: its currency is CHF, which the QuickBooks company does not have (or has made inactive); add CHF in QuickBooks (Settings › Currencies), then send it again with qbo_resend()
QBO customers named Heidi Keller: 0
customer c2 (GBP, inactive): Error: Customer c2: its currency is GBP, which the QuickBooks company does not have (or has made inactive); add GBP in QuickBooks (Settings › Currencies), then send it again with qbo_resend()
after CHF is added: Synced, QBO customer in CHF
