--TEST--
Multi-currency: a billing customer in EUR whose name and email match a QuickBooks customer kept in USD is an Error naming both currencies and the fix (qbo_map), never linked to it; nothing written
--FILE--
<?php
require __DIR__ . '/engine.inc';
$realm = qbo_test_company(['name' => 'mc 347', 'multicurrency' => true]);
[$conn] = qbo_test_connect([], $realm);
$q = qbo_test_api($realm, 'POST', 'customer', ['DisplayName' => 'Ida Berg', 'PrimaryEmailAddr' => ['Address' => 'ida@example.com']])['json']['Customer'];
$c = qbo_push($conn, 'customer', eng_customer('c1', 'Ida', 'Berg', 'ida@example.com', ['currency' => 'EUR']));
echo "customer c1: {$c['state']}, QBO id ", var_export($c['qbo_id'], true), ": ", str_replace($q['Id'], '<Id>', $c['reason']), "\n";
$cu = qbo_test_api($realm, 'GET', 'customer/' . $q['Id'])['json']['Customer'];
echo "QBO customer: {$cu['CurrencyRef']['value']}, SyncToken {$cu['SyncToken']}; customers named Ida Berg: ",
    eng_qbo_count($realm, 'Customer', 'DisplayName', 'Ida Berg'), "\n";
?>
--EXPECT--
customer c1: Error, QBO id NULL: Customer c1: QuickBooks customer "Ida Berg" (Id <Id>) has the same name or email but is kept in USD, the billing customer in EUR, and QuickBooks cannot change a customer's currency: map customer c1 to a QuickBooks customer in EUR with qbo_map('customer', 'c1', <QuickBooks Id>), or rename the one in QuickBooks so a new customer in EUR is made, then push it again
QBO customer: USD, SyncToken 0; customers named Ida Berg: 1
