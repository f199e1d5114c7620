--TEST--
An edit pushed inline after a create whose answer was lost (QBO committed it): the create goes again under the first version's requestid, QBO replays the record it made with the first version's content, and the edit follows as an update in the same qbo_push: the record is Synced only once QBO holds the edit (a customer renamed, an invoice without a number from 12.50 to 14.00), at the edit's version, one QBO record each, nothing left queued
--FILE--
<?php
require __DIR__ . '/engine.inc';
[$conn, $realm, $opts] = qbo_test_connect(['delivery' => 'inline']);
$store = $opts['store'];
qbo_push($conn, 'customer', eng_customer('c1', 'Lost', 'Answer', 'lost@example.com'));

/* the customer: its create's answer is lost after QBO committed it */
qbo_push($conn, 'customer', eng_customer('c2', 'Ana', 'Before', 'ana@example.com'));
$rule = qbo_test_fault(['kind' => 'drop', 'when' => 'after', 'method' => 'POST', 'realm' => $realm,
    'path' => "/v3/company/$realm/customer", 'count' => 1]);
$st = qbo_push($conn, 'customer', eng_customer('c3', 'Ben', 'Before', 'ben@example.com'));
echo "c3 after the lost answer: {$st['state']}, queued ", var_export($st['queued'], true), "\n";
qbo_test_http('DELETE', '/_sandbox/faults/' . $rule['id']);
qbo_test_store_exec($store, "UPDATE outbox SET next_try = 0");
$st = qbo_push($conn, 'customer', eng_customer('c3', 'Ben', 'After', 'ben.after@example.com'));
echo "c3 edited: {$st['state']}, queued ", var_export($st['queued'], true), "\n";
$names = [];
foreach (eng_qbo_all($realm, 'Customer') as $c) {
    if (str_starts_with($c['DisplayName'], 'Ben ')) {
        $names[] = $c['DisplayName'];
    }
}
echo "QBO customers named Ben: ", implode(', ', $names), "\n";
$e = qbo_entities($conn, ['kind' => 'customer', 'id' => 'c3'])[0];
echo "c3: {$e['state']}, version {$e['version']}, synced version {$e['synced_version']}\n";

/* an invoice without a number (no natural key): the same with its amount */
$rule = qbo_test_fault(['kind' => 'drop', 'when' => 'after', 'method' => 'POST', 'realm' => $realm,
    'path' => "/v3/company/$realm/invoice", 'count' => 1]);
$st = qbo_push($conn, 'invoice', eng_invoice('i1', 'c1', '12.50'));
echo "i1 after the lost answer: {$st['state']}, queued ", var_export($st['queued'], true), "\n";
qbo_test_http('DELETE', '/_sandbox/faults/' . $rule['id']);
qbo_test_store_exec($store, "UPDATE outbox SET next_try = 0");
$st = qbo_push($conn, 'invoice', eng_invoice('i1', 'c1', '14.00'));
echo "i1 edited: {$st['state']}, queued ", var_export($st['queued'], true), "\n";
$cust = qbo_entities($conn, ['kind' => 'customer', 'id' => 'c1'])[0]['qbo_id'];
$totals = [];
foreach (eng_qbo_all($realm, 'Invoice') as $inv) {
    if ($inv['CustomerRef']['value'] === $cust) {
        $totals[] = $inv['TotalAmt'];
    }
}
echo "QBO invoices of c1: ", implode(', ', $totals), "\n";
$e = qbo_entities($conn, ['kind' => 'invoice', 'id' => 'i1'])[0];
echo "i1: {$e['state']}, version {$e['version']}, synced version {$e['synced_version']}\n";
echo "outbox rows left: ", count(qbo_test_store_rows($store, "SELECT 1 FROM outbox")), "\n";
?>
--EXPECT--
c3 after the lost answer: Not Tried, queued true
c3 edited: Synced, queued false
QBO customers named Ben: Ben After
c3: Synced, version 2, synced version 2
i1 after the lost answer: Not Tried, queued true
i1 edited: Synced, queued false
QBO invoices of c1: 14
i1: Synced, version 2, synced version 2
outbox rows left: 0
