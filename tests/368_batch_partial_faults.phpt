--TEST--
A batch where some operations fault: the rest are Synced, the faulted ones Error with their own reason; a wave whose customer failed leaves its invoices Waiting, delivered after the fix
--FILE--
<?php
require __DIR__ . '/engine.inc';
[$conn, $realm, $opts] = qbo_test_connect(['delivery' => 'worker']);
// QBO has two customers of that name with other emails: customer 3 cannot be created or linked
qbo_test_api($realm, 'POST', 'customer', ['DisplayName' => 'Part Three', 'PrimaryEmailAddr' => ['Address' => 'x@example.com']]);
qbo_test_api($realm, 'POST', 'customer', ['DisplayName' => 'Part Three (3)', 'PrimaryEmailAddr' => ['Address' => 'y@example.com']]);
foreach (['1', '2', '3'] as $k) {
    qbo_push($conn, 'customer', eng_customer($k, 'Part', ['1' => 'One', '2' => 'Two', '3' => 'Three'][$k], "part$k@example.com"));
}
qbo_push($conn, 'invoice', eng_invoice('10', '1', '30.00', 'P-10'));
qbo_push($conn, 'invoice', eng_invoice('11', '2', '30.00', 'P-11'));
qbo_push($conn, 'invoice', eng_invoice('12', '3', '30.00', 'P-12'));
// payment 21 applies more than invoice 11's open balance: QBO refuses that one operation (6000)
qbo_push($conn, 'payment', eng_payment('20', '1', '30.00', '10'));
qbo_push($conn, 'payment', ['id' => '21', 'customer' => '2', 'date' => '2026-11-21', 'amount' => '40.00', 'method' => 'paypal',
    'applies_to' => [['invoice' => '11', 'amount' => '40.00']]]);
qbo_push($conn, 'payment', eng_payment('22', '2', '5.00'));
$r = qbo_sync($conn, ['batch_size' => 30]);
echo "sync: delivered {$r['delivered']}, errors {$r['errors']}, waiting {$r['waiting']}\n";
foreach (qbo_entities($conn) as $e) {
    $why = $e['state'] === 'Synced' ? '' : ': ' . preg_replace('/^((?:Customer|Payment) \d+: [^;:]*).*/', '$1', $e['reason']);
    echo "{$e['kind']} {$e['id']}: {$e['state']}$why\n";
}
$p21 = qbo_entities($conn, ['kind' => 'payment', 'id' => '21'])[0]['reason'];
echo "batches: ", count(eng_requests($realm, "/v3/company/$realm/batch", 'POST')) > 0 ? 'used' : 'none', "\n";
echo "payment 21's own reason: ", var_export(str_contains($p21, '(6000)') && !str_contains($p21, 'Customer 3'), true), "\n";
// the fix: the billing system gives customer 3 another name; its invoice goes after it
qbo_push($conn, 'customer', eng_customer('3', 'Partial', 'Three', 'part3@example.com'));
$r = qbo_sync($conn, ['batch_size' => 30]);
echo "after the fix: delivered {$r['delivered']}, remaining {$r['remaining']}\n";
$inv = qbo_entities($conn, ['kind' => 'invoice', 'id' => '12'])[0];
$q = qbo_test_api($realm, 'GET', 'invoice/' . $inv['qbo_id'])['json']['Invoice'];
echo "invoice 12: {$inv['state']}, QBO customer is customer 3: ",
    var_export($q['CustomerRef']['value'] === qbo_entities($conn, ['kind' => 'customer', 'id' => '3'])[0]['qbo_id'], true), "\n";
?>
--EXPECT--
sync: delivered 6, errors 2, waiting 1
customer 1: Synced
customer 2: Synced
customer 3: Error: Customer 3: QuickBooks already has customers named 'Part Three' and 'Part Three (3)' that are other customers' or have other email addresses
invoice 10: Synced
invoice 11: Synced
invoice 12: Waiting: Waiting on customer 3, which is in Error: QuickBooks already has customers named 'Part Three' and 'Part Three (3)' that are other customers' or have other email addresses; map the customer with qbo_map()
payment 20: Synced
payment 21: Error: Payment 21: QuickBooks refused Payment
payment 22: Synced
batches: used
payment 21's own reason: true
after the fix: delivered 2, remaining 0
invoice 12: Synced, QBO customer is customer 3: true
