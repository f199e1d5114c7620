--TEST--
A wave's plan reads the company's mappings once per kind: with no customer mapped, every invoice of the wave refers to its own delivered customer; once customers are mapped (qbo_map), the next wave's invoices of a mapped customer go to the mapped QBO customer and a mapped customer record is linked, not created, and the others are unchanged
--FILE--
<?php
require __DIR__ . '/engine.inc';
[$conn, $realm, $opts] = qbo_test_connect(['delivery' => 'worker']);
for ($k = 1; $k <= 4; $k++) {
    qbo_push($conn, 'customer', eng_customer("$k", 'Wave', "Client $k", "wave$k@example.com"));
    qbo_push($conn, 'invoice', eng_invoice("1$k", "$k", "1$k.00"));
}
$r = qbo_sync($conn, ['batch_size' => 10]);
echo "first sync: delivered {$r['delivered']}, errors {$r['errors']}\n";
$byid = [];
foreach (qbo_entities($conn) as $e) {
    $byid["{$e['kind']} {$e['id']}"] = $e;
}
for ($k = 1; $k <= 4; $k++) {
    $inv = qbo_test_api($realm, 'GET', 'invoice/' . $byid["invoice 1$k"]['qbo_id'])['json']['Invoice'];
    echo "invoice 1$k: {$byid["invoice 1$k"]['state']}, its own customer: ",
        var_export($inv['CustomerRef']['value'] === $byid["customer $k"]['qbo_id'], true), "\n";
}
// a QBO customer the billing system's customers 7 and 8 are mapped to
$legacy = qbo_test_api($realm, 'POST', 'customer', ['DisplayName' => 'Legacy Wave Ltd'])['json']['Customer'];
qbo_map($conn, 'customer', '7', $legacy['Id']);
qbo_map($conn, 'customer', '8', $legacy['Id']);
qbo_push($conn, 'customer', eng_customer('5', 'Wave', 'Client 5', 'wave5@example.com'));
qbo_push($conn, 'customer', eng_customer('7', 'Legacy', 'Seven', 'seven@example.com'));
$r = qbo_sync($conn, ['batch_size' => 10]);
echo "second sync: delivered {$r['delivered']}, errors {$r['errors']}\n";
qbo_push($conn, 'invoice', eng_invoice('15', '5', '15.00'));
qbo_push($conn, 'invoice', eng_invoice('17', '7', '17.00'));
qbo_push($conn, 'invoice', eng_invoice('18', '8', '18.00'));
qbo_push($conn, 'invoice', eng_invoice('19', '1', '19.00'));
$r = qbo_sync($conn, ['batch_size' => 10]);
echo "third sync: delivered {$r['delivered']}, errors {$r['errors']}\n";
$byid = [];
foreach (qbo_entities($conn) as $e) {
    $byid["{$e['kind']} {$e['id']}"] = $e;
}
echo "customer 7: {$byid['customer 7']['state']}, linked to the mapped one: ",
    var_export($byid['customer 7']['qbo_id'] === $legacy['Id'], true), "\n";
foreach (['15' => $byid['customer 5']['qbo_id'], '17' => $legacy['Id'], '18' => $legacy['Id'], '19' => $byid['customer 1']['qbo_id']] as $id => $want) {
    $inv = qbo_test_api($realm, 'GET', 'invoice/' . $byid["invoice $id"]['qbo_id'])['json']['Invoice'];
    echo "invoice $id: {$byid["invoice $id"]['state']}, for the expected QBO customer: ",
        var_export($inv['CustomerRef']['value'] === $want, true), "\n";
}
echo "QBO customers named Legacy Wave Ltd: ", eng_qbo_count($realm, 'Customer', 'DisplayName', 'Legacy Wave Ltd'), "\n";
echo "QBO customers named Legacy Seven: ", eng_qbo_count($realm, 'Customer', 'DisplayName', 'Legacy Seven'), "\n";
?>
--EXPECT--
first sync: delivered 8, errors 0
invoice 11: Synced, its own customer: true
invoice 12: Synced, its own customer: true
invoice 13: Synced, its own customer: true
invoice 14: Synced, its own customer: true
second sync: delivered 2, errors 0
third sync: delivered 4, errors 0
customer 7: Synced, linked to the mapped one: true
invoice 15: Synced, for the expected QBO customer: true
invoice 17: Synced, for the expected QBO customer: true
invoice 18: Synced, for the expected QBO customer: true
invoice 19: Synced, for the expected QBO customer: true
QBO customers named Legacy Wave Ltd: 1
QBO customers named Legacy Seven: 0
