--TEST--
Disconnected from one company (qbo_disconnect) and connected to another: the old company's Ids are still set aside (the store remembers the realm it held); a record that was in Error there is sent to the new company too, and a Skipped draft stays Skipped
--FILE--
<?php
require __DIR__ . '/engine.inc';
[$conn, $a] = qbo_test_connect();
qbo_push($conn, 'customer', eng_customer('c1', 'Dis', 'Connect', 'dis@example.com'));

// an invoice QBO refuses in A: its customer made inactive there by hand
qbo_push($conn, 'customer', eng_customer('c2', 'In', 'Active', 'inactive@example.com'));
$c2 = qbo_entities($conn, ['kind' => 'customer', 'id' => 'c2'])[0]['qbo_id'];
$row = qbo_test_api($a, 'GET', "customer/$c2")['json']['Customer'];
qbo_test_api($a, 'POST', 'customer', ['Id' => $c2, 'SyncToken' => $row['SyncToken'], 'sparse' => true, 'Active' => false]);
try {
    qbo_push($conn, 'invoice', eng_invoice('i2', 'c2', '9.00', 'DC-2'));
} catch (QboSync\ApiException $ex) {
}
$i = qbo_entities($conn, ['kind' => 'invoice', 'id' => 'i2'])[0];
qbo_push($conn, 'invoice', eng_invoice('i3', 'c1', '9.00', 'DC-3', ['status' => 'draft']));
echo "in A: invoice i2 {$i['state']}\n";
qbo_disconnect($conn);
echo "disconnected: ", qbo_status($conn)['status'], "\n";
$b = qbo_test_company();
$q = qbo_test_consent(qbo_oauth_url($conn), $b);
qbo_oauth_exchange($conn, $q['code'], $q['state'], $q['realmId']);
qbo_sync($conn);
foreach (qbo_entities($conn) as $e) {
    echo "in B: {$e['kind']} {$e['id']} {$e['state']}", $e['state'] === 'Skipped' ? " ({$e['reason']})" : '', "\n";
}
$inB = qbo_entities($conn, ['kind' => 'invoice', 'id' => 'i2'])[0];
$inv = qbo_test_api($b, 'GET', "invoice/{$inB['qbo_id']}")['json']['Invoice'];
$custB = qbo_entities($conn, ['kind' => 'customer', 'id' => 'c2'])[0]['qbo_id'];
echo "B's invoice refers to B's customer: ", var_export($inv['CustomerRef']['value'] === $custB, true), "\n";
?>
--EXPECT--
in A: invoice i2 Error
disconnected: Disconnected
in B: customer c1 Synced
in B: customer c2 Synced
in B: invoice i2 Synced
in B: invoice i3 Skipped (A draft invoice is not sent to QuickBooks until it is issued)
B's invoice refers to B's customer: true
