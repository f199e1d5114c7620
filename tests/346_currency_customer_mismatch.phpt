--TEST--
Multi-currency: an invoice in another currency than its customer's is an Error naming both currencies (nothing written); an invoice of a EUR customer sent without currency is an Error too (the billing customer's currency is checked), nothing written
--FILE--
<?php
require __DIR__ . '/engine.inc';
$realm = qbo_test_company(['name' => 'mc 346', 'multicurrency' => true]);
[$conn] = qbo_test_connect([], $realm);
qbo_push($conn, 'customer', eng_customer('us', 'Al', 'Home', 'al@example.com'));
qbo_push($conn, 'customer', eng_customer('eu', 'Ida', 'Berg', 'ida@example.com', ['currency' => 'EUR']));
$a = qbo_push($conn, 'invoice', eng_invoice('i1', 'us', '10.00', 'X-1', ['currency' => 'EUR', 'exchange_rate' => '1.1']));
echo "invoice i1: {$a['state']}: {$a['reason']}\n";
$b = qbo_push($conn, 'invoice', eng_invoice('i2', 'eu', '10.00', 'X-2'));
echo "invoice i2: {$b['state']}: {$b['reason']}\n";
echo "QBO invoices X-1 ", eng_qbo_count($realm, 'Invoice', 'DocNumber', 'X-1'), ", X-2 ", eng_qbo_count($realm, 'Invoice', 'DocNumber', 'X-2'), "\n";
?>
--EXPECT--
invoice i1: Error: Invoice i1: it is in EUR but its customer us is in USD; QuickBooks keeps every transaction in its customer's currency: send the invoice in USD (or the customer in EUR), then push it again
invoice i2: Error: Invoice i2: it is in USD (no currency given) but its customer eu is in EUR; QuickBooks keeps every transaction in its customer's currency: send the invoice with currency EUR (and its exchange_rate), then push it again
QBO invoices X-1 0, X-2 0