--TEST--
qbo_push item: created as a Service item with an Income account (or linked by Name); invoice lines naming it use it instead of the fallback
--FILE--
<?php
require __DIR__ . '/engine.inc';
[$conn, $realm, $opts] = qbo_test_connect();
$it = qbo_push($conn, 'item', ['id' => 'vps-1', 'name' => 'VPS Small', 'description' => 'A small VPS', 'price' => '12.00']);
echo "item: {$it['state']}\n";
$q = qbo_test_api($realm, 'GET', 'item/' . $it['qbo_id'])['json']['Item'];
$acct = qbo_test_api($realm, 'GET', 'account/' . $q['IncomeAccountRef']['value'])['json']['Account'];
echo "QBO: {$q['Name']}, {$q['Type']}, income account type {$acct['AccountType']}\n";
// an item QBO already has by that name is linked
$seeded = qbo_test_query($realm, 'select * from Item')[0];
$ln = qbo_push($conn, 'item', ['id' => 'old-1', 'name' => $seeded['Name']]);
echo "existing name linked: ", var_export($ln['qbo_id'] === $seeded['Id'], true), "\n";
qbo_push($conn, 'customer', eng_customer('1', 'Ira', 'Tem', 'ira@example.com'));
$doc = eng_invoice('9', '1', '12.00', 'IT-9');
$doc['lines'][0]['item'] = 'vps-1';
$inv = qbo_push($conn, 'invoice', $doc);
$qi = qbo_test_api($realm, 'GET', 'invoice/' . $inv['qbo_id'])['json']['Invoice'];
echo "invoice line uses the item: ", var_export($qi['Line'][0]['SalesItemLineDetail']['ItemRef']['value'] === $it['qbo_id'], true), "\n";
echo "VPS Small items in QBO: ", eng_qbo_count($realm, 'Item', 'Name', 'VPS Small'), ", fallback created: ",
    eng_qbo_count($realm, 'Item', 'Name', 'Billing Services'), "\n";
?>
--EXPECT--
item: Synced
QBO: VPS Small, Service, income account type Income
existing name linked: true
invoice line uses the item: true
VPS Small items in QBO: 1, fallback created: 0
