--TEST--
Unmapped line items use the fallback item: "Billing Services" (Service, Income account) is found or created once and remembered as mapping item "*"
--FILE--
<?php
require __DIR__ . '/engine.inc';
[$conn, $realm, $opts] = qbo_test_connect();
qbo_push($conn, 'customer', eng_customer('1', 'Tom', 'Yu', 'tom@example.com'));
$a = qbo_push($conn, 'invoice', eng_invoice('20', '1', '10.00', 'F-20'));
$b = qbo_push($conn, 'invoice', eng_invoice('21', '1', '11.00', 'F-21'));
echo "invoices: {$a['state']} {$b['state']}\n";
$items = array_values(array_filter(eng_qbo_all($realm, 'Item'), fn($i) => $i['Name'] === 'Billing Services'));
echo "Billing Services items: ", count($items), ", type {$items[0]['Type']}\n";
$acct = qbo_test_api($realm, 'GET', 'account/' . $items[0]['IncomeAccountRef']['value'])['json']['Account'];
echo "income account type: {$acct['AccountType']}\n";
$m = qbo_mappings($conn, 'item');
echo "mapping: {$m[0]['kind']} {$m[0]['local_id']} -> same item: ", var_export($m[0]['qbo_id'] === $items[0]['Id'], true), "\n";
$inv = qbo_test_api($realm, 'GET', 'invoice/' . $a['qbo_id'])['json']['Invoice'];
echo "line item is the fallback: ", var_export($inv['Line'][0]['SalesItemLineDetail']['ItemRef']['value'] === $items[0]['Id'], true), "\n";
$acc = qbo_mappings($conn, 'account');
echo "income account remembered: ", count($acc), " {$acc[0]['purpose']}\n";
?>
--EXPECT--
invoices: Synced Synced
Billing Services items: 1, type Service
income account type: Income
mapping: item * -> same item: true
line item is the fallback: true
income account remembered: 1 income
