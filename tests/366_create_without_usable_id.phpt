--TEST--
A 2xx create answer without a usable Id (missing, empty, an object, a number, 31 digits) is not Synced: the record stays queued and its retry (the next delivery, or a dependent's) links the one QBO record with its real Id; dependents then go
--FILE--
<?php
require __DIR__ . '/engine.inc';
[$conn, $realm, $opts] = qbo_test_connect();
foreach (['missing', 'empty', 'object', 'number', 'long'] as $n => $format) {
    $id = (string)(10 + $n);
    qbo_test_fault(['kind' => 'badid', 'format' => $format, 'method' => 'POST', 'realm' => $realm,
        'path' => "/v3/company/$realm/customer", 'count' => 1]);
    $c = qbo_push($conn, 'customer', eng_customer($id, 'Bad', "Id $format", "bad$n@example.com"));
    $inv = qbo_push($conn, 'invoice', eng_invoice("9$id", $id, '5.00'));
    echo "$format: {$c['state']}, queued ", var_export($c['queued'], true), ", qbo_id ", var_export($c['qbo_id'], true),
        "; its invoice {$inv['state']}", $inv['state'] === 'Synced' ? " (the customer's retry went first)" : '', "\n";
}
$r = qbo_sync($conn);
echo "sync: delivered {$r['delivered']}, remaining {$r['remaining']}, errors {$r['errors']}\n";
foreach (qbo_entities($conn, ['kind' => 'customer']) as $n => $c) {
    $format = ['missing', 'empty', 'object', 'number', 'long'][$n];
    $q = qbo_test_query($realm, "select * from Customer where DisplayName = 'Bad Id $format'");
    echo "customer {$c['id']}: {$c['state']}, QBO customers of the name: ", count($q), ", real Id: ", var_export(($q[0]['Id'] ?? null) === $c['qbo_id'], true), "\n";
}
$synced = count(array_filter(qbo_entities($conn, ['kind' => 'invoice']), fn($e) => $e['state'] === 'Synced'));
echo "invoices Synced: $synced\n";
// a payment answered without an Id is found by its marker
qbo_test_fault(['kind' => 'badid', 'format' => 'number', 'method' => 'POST', 'realm' => $realm,
    'path' => "/v3/company/$realm/payment", 'count' => 1]);
$p = qbo_push($conn, 'payment', eng_payment('30', '10', '5.00', '910'));
echo "payment: {$p['state']}, queued ", var_export($p['queued'], true), "\n";
$r = qbo_sync($conn);
$p = qbo_entities($conn, ['kind' => 'payment'])[0];
echo "payment retried: {$p['state']}, QBO payments marked: ", eng_qbo_payments_marked($realm, '30'), ", real Id: ",
    var_export(qbo_test_api($realm, 'GET', 'payment/' . $p['qbo_id'])['status'] === 200, true), "\n";
?>
--EXPECT--
missing: Not Tried, queued true, qbo_id NULL; its invoice Synced (the customer's retry went first)
empty: Not Tried, queued true, qbo_id NULL; its invoice Synced (the customer's retry went first)
object: Not Tried, queued true, qbo_id NULL; its invoice Synced (the customer's retry went first)
number: Not Tried, queued true, qbo_id NULL; its invoice Synced (the customer's retry went first)
long: Not Tried, queued true, qbo_id NULL; its invoice Synced (the customer's retry went first)
sync: delivered 0, remaining 0, errors 0
customer 10: Synced, QBO customers of the name: 1, real Id: true
customer 11: Synced, QBO customers of the name: 1, real Id: true
customer 12: Synced, QBO customers of the name: 1, real Id: true
customer 13: Synced, QBO customers of the name: 1, real Id: true
customer 14: Synced, QBO customers of the name: 1, real Id: true
invoices Synced: 5
payment: Not Tried, queued true
payment retried: Synced, QBO payments marked: 1, real Id: true
