--TEST--
A customer whose DisplayName already exists in QBO (same email) is linked, not duplicated
--FILE--
<?php
require __DIR__ . '/engine.inc';
[$conn, $realm, $opts] = qbo_test_connect();
$made = qbo_test_api($realm, 'POST', 'customer', ['DisplayName' => 'Jane Doe', 'PrimaryEmailAddr' => ['Address' => 'jane@example.com']]);
$existing = $made['json']['Customer']['Id'];
$st = qbo_push($conn, 'customer', eng_customer('17', 'Jane', 'Doe', 'jane@example.com'));
echo "state: {$st['state']}, linked to the existing record: ", var_export($st['qbo_id'] === $existing, true), "\n";
echo "QBO customers named Jane Doe: ", eng_qbo_count($realm, 'Customer', 'DisplayName', 'Jane Doe'), "\n";
// a QBO customer with no email at all is linked too
qbo_test_api($realm, 'POST', 'customer', ['DisplayName' => 'Bob Roe']);
$b = qbo_push($conn, 'customer', eng_customer('18', 'Bob', 'Roe', 'bob@example.com'));
echo "Bob: {$b['state']}, QBO customers named Bob Roe: ", eng_qbo_count($realm, 'Customer', 'DisplayName', 'Bob Roe'), "\n";
// no customer of that name, but one with the same email that nobody else is linked to
$old = qbo_test_api($realm, 'POST', 'customer', ['DisplayName' => 'C. Smith (old account)', 'PrimaryEmailAddr' => ['Address' => 'carla@example.com']])['json']['Customer']['Id'];
$c = qbo_push($conn, 'customer', eng_customer('19', 'Carla', 'Smith', 'carla@example.com'));
echo "Carla: {$c['state']}, linked by email: ", var_export($c['qbo_id'] === $old, true), ", QBO customers with her email: ",
    eng_qbo_count($realm, 'Customer', 'PrimaryEmailAddr.Address', 'carla@example.com'), "\n";
// a second local customer with that email is not folded into the same QBO record
$d = qbo_push($conn, 'customer', eng_customer('20', 'Carla', 'Smith Jr', 'carla@example.com'));
echo "second Carla: {$d['state']}, own record: ", var_export($d['qbo_id'] !== $old, true), "\n";
$log = qbo_test_store_rows($opts['store'], "SELECT message FROM log WHERE kind = 'customer' AND local_id = '17' AND method IS NULL");
echo str_contains($log[0]['message'], 'linked') ? "logged as linked\n" : $log[0]['message'] . "\n";
?>
--EXPECT--
state: Synced, linked to the existing record: true
QBO customers named Jane Doe: 1
Bob: Synced, QBO customers named Bob Roe: 1
Carla: Synced, linked by email: true, QBO customers with her email: 1
second Carla: Synced, own record: true
logged as linked
