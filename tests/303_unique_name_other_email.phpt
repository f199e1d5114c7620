--TEST--
A QBO customer of the same name but another email: ours is created as "Name (id)"
--FILE--
<?php
require __DIR__ . '/engine.inc';
[$conn, $realm, $opts] = qbo_test_connect();
$other = qbo_test_api($realm, 'POST', 'customer', ['DisplayName' => 'Jane Doe', 'PrimaryEmailAddr' => ['Address' => 'other.jane@example.org']])['json']['Customer']['Id'];
$st = qbo_push($conn, 'customer', eng_customer('17', 'Jane', 'Doe', 'jane@example.com'));
echo "state: {$st['state']}, a new record: ", var_export($st['qbo_id'] !== $other, true), "\n";
$c = qbo_test_api($realm, 'GET', 'customer/' . $st['qbo_id'])['json']['Customer'];
echo "QBO name: {$c['DisplayName']}, email: {$c['PrimaryEmailAddr']['Address']}\n";
echo "Jane Doe: ", eng_qbo_count($realm, 'Customer', 'DisplayName', 'Jane Doe'),
    ", Jane Doe (17): ", eng_qbo_count($realm, 'Customer', 'DisplayName', 'Jane Doe (17)'), "\n";
// pushed again after a change, it stays the same record
$st2 = qbo_push($conn, 'customer', eng_customer('17', 'Jane', 'Doe', 'jane@example.com', ['phone' => '555-0199']));
echo "update: {$st2['state']}, same record: ", var_export($st2['qbo_id'] === $st['qbo_id'], true), ", version {$st2['version']}\n";
echo "Jane Doe (17): ", eng_qbo_count($realm, 'Customer', 'DisplayName', 'Jane Doe (17)'), "\n";
?>
--EXPECT--
state: Synced, a new record: true
QBO name: Jane Doe (17), email: jane@example.com
Jane Doe: 1, Jane Doe (17): 1
update: Synced, same record: true, version 2
Jane Doe (17): 1
