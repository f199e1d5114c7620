--TEST--
Multi-currency off: a EUR customer is an Error naming EUR and the fix (turn multi-currency on), its invoice waits on it, nothing is written to QuickBooks; home-currency records still sync
--FILE--
<?php
require __DIR__ . '/engine.inc';
[$conn, $realm] = qbo_test_connect();
$c = qbo_push($conn, 'customer', eng_customer('c1', 'Ida', 'Berg', 'ida@example.com', ['currency' => 'EUR']));
$i = qbo_push($conn, 'invoice', eng_invoice('i1', 'c1', '100.00', 'EU-1', ['currency' => 'EUR']));
$h = qbo_push($conn, 'customer', eng_customer('c2', 'Al', 'Home', 'al@example.com', ['currency' => 'usd']));
echo "customer c1: {$c['state']}: {$c['reason']}\n";
echo "invoice i1: {$i['state']}: {$i['reason']}\n";
echo "customer c2 (USD, the home currency): {$h['state']}\n";
echo "QBO: customers named Ida Berg ", eng_qbo_count($realm, 'Customer', 'DisplayName', 'Ida Berg'), ", invoices EU-1 ",
    eng_qbo_count($realm, 'Invoice', 'DocNumber', 'EU-1'), "\n";
$w = array_filter(eng_requests($realm, '/v3/company/*/customer', 'POST'), fn($r) => $r['status'] >= 400);
echo "refused writes: ", count($w), "\n";
$st = qbo_status($conn);
echo "status: Error {$st['counts']['Error']}, Waiting {$st['counts']['Waiting']}, Synced {$st['counts']['Synced']}\n";
?>
--EXPECT--
customer c1: Error: Customer c1: its currency is EUR but the QuickBooks company has multi-currency off (home currency USD); turn multi-currency on in QuickBooks (Settings › Account and settings › Advanced › Currency) and add EUR to its currencies, then send it again with qbo_resend()
invoice i1: Waiting: Waiting on customer c1, which is in Error: its currency is EUR but the QuickBooks company has multi-currency off (home currency USD); turn multi-currency on in QuickBooks (Settings › Account and settings › Advanced › Currency) and add EUR to its currencies, then send it again with qbo_resend()
customer c2 (USD, the home currency): Synced
QBO: customers named Ida Berg 0, invoices EU-1 0
refused writes: 0
status: Error 1, Waiting 1, Synced 1
