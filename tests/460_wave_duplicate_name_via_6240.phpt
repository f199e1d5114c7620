--TEST--
A customer wave asks QBO only for the emails before its creates: a customer whose DisplayName QBO already has (under another email, or none) goes into the /batch, QBO's 6240 in the batch answer sends it to the one-record path, whose guard links it to the QBO customer as it decides; the others are created by the batch, each QBO customer exactly once
--FILE--
<?php
require __DIR__ . '/engine.inc';
[$conn, $realm, $opts] = qbo_test_connect(['delivery' => 'worker']);
$taken = qbo_test_api($realm, 'POST', 'customer', ['DisplayName' => 'Dana Dup'])['json']['Customer']['Id'];
$inactive = qbo_test_api($realm, 'POST', 'customer', ['DisplayName' => 'Ina Active'])['json']['Customer'];
qbo_test_api($realm, 'POST', 'customer', ['Id' => $inactive['Id'], 'SyncToken' => $inactive['SyncToken'], 'sparse' => true, 'Active' => false]);
qbo_push($conn, 'customer', eng_customer('1', 'Dana', 'Dup', 'dana@example.com'));
qbo_push($conn, 'customer', eng_customer('2', 'Ina', 'Active', 'ina@example.com'));
for ($k = 3; $k <= 6; $k++) {
    qbo_push($conn, 'customer', eng_customer("$k", 'New', "Client $k", "new$k@example.com"));
}
$n = count(eng_requests($realm, '/v3/company/*'));
$r = qbo_sync($conn, ['batch_size' => 10]);
echo "delivered {$r['delivered']}, errors {$r['errors']}\n";
foreach (array_slice(eng_requests($realm, '/v3/company/*'), $n) as $q) {
    $text = is_array($q['query'] ?? null) ? ($q['query']['query'] ?? '') : '';
    if (preg_match('/from Customer where (\w+) (in|=)/', $text, $m)) {
        echo "  {$q['method']} query: Customer.$m[1] $m[2]\n";
    } elseif (!str_contains($q['path'], 'companyinfo')) {
        echo "  {$q['method']} ", preg_replace('#^/v3/company/\d+/|/\d+$#', '', $q['path']), "\n";
    }
}
$byid = [];
foreach (qbo_entities($conn, ['kind' => 'customer']) as $c) {
    $byid[$c['id']] = $c;
}
echo "customer 1: {$byid['1']['state']}, linked to the QBO customer of that name: ", var_export($byid['1']['qbo_id'] === $taken, true), "\n";
echo "customer 2: {$byid['2']['state']}, linked to the inactive one: ", var_export($byid['2']['qbo_id'] === $inactive['Id'], true), "\n";
foreach (['Dana Dup', 'Ina Active', 'New Client 3', 'New Client 6'] as $name) {
    echo "QBO customers named $name: ", eng_qbo_count($realm, 'Customer', 'DisplayName', $name), "\n";
}
echo "Synced: ", qbo_status($conn)['counts']['Synced'], "\n";
?>
--EXPECT--
delivered 6, errors 0
  GET query: Customer.PrimaryEmailAddr in
  POST batch
  GET query: Customer.DisplayName =
  GET query: Customer.DisplayName =
customer 1: Synced, linked to the QBO customer of that name: true
customer 2: Synced, linked to the inactive one: true
QBO customers named Dana Dup: 1
QBO customers named Ina Active: 1
QBO customers named New Client 3: 1
QBO customers named New Client 6: 1
Synced: 6