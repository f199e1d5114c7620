--TEST--
A create that QBO committed but whose answer was lost, then an edit of the keys its record is found by, with QBO's requestid replays gone (their retention is unknown): an item renamed, an invoice renumbered and redated, a payment and a credit note redated; each retry finds the record the unanswered create made by the keys that create carried (the item's old Name, the invoice's old DocNumber, the payment's and the credit note's marker among their old date's records) and sends the edit as an update: QBO holds one record of each, holding the edit, Synced at the edit's version
--FILE--
<?php
require __DIR__ . '/engine.inc';
[$conn, $realm, $opts] = qbo_test_connect(['delivery' => 'inline']);
$store = $opts['store'];
qbo_push($conn, 'customer', eng_customer('k1', 'Kim', 'Keys', 'kim@example.com'));

/* one lost create of $entity, then $edit pushed with the replays forgotten */
function kd_lost_then_edit($conn, string $realm, string $store, string $kind, string $entity, array $first, array $edit): void
{
    $rule = qbo_test_fault(['kind' => 'drop', 'when' => 'after', 'method' => 'POST', 'realm' => $realm,
        'path' => "/v3/company/$realm/" . strtolower($entity), 'count' => 1]);
    $st = qbo_push($conn, $kind, $first);
    qbo_test_http('DELETE', '/_sandbox/faults/' . $rule['id']);
    echo "$kind after the lost answer: {$st['state']}, queued ", var_export($st['queued'], true), "; replays forgotten: ",
        var_export(qbo_test_http('DELETE', "/_sandbox/requestids/$realm")['json']['deleted'] >= 1, true), "\n";
    qbo_test_store_exec($store, 'UPDATE outbox SET next_try = 0');
    $st = qbo_push($conn, $kind, $edit);
    $e = qbo_entities($conn, ['kind' => $kind, 'id' => $edit['id']])[0];
    echo "$kind edited: {$st['state']}, version {$e['version']}, synced version {$e['synced_version']}\n";
}

kd_lost_then_edit($conn, $realm, $store, 'item', 'Item', ['id' => 'w1', 'name' => 'Widget Old', 'price' => '10.00'],
    ['id' => 'w1', 'name' => 'Widget New', 'price' => '12.00']);
$items = array_values(array_filter(eng_qbo_all($realm, 'Item'), fn($i) => str_starts_with($i['Name'], 'Widget ')));
echo "QBO items named Widget: ", implode(', ', array_map(fn($i) => "$i[Name] $i[UnitPrice]", $items)), "; linked to it: ",
    var_export(count($items) === 1 && $items[0]['Id'] === qbo_entities($conn, ['kind' => 'item', 'id' => 'w1'])[0]['qbo_id'], true), "\n";

kd_lost_then_edit($conn, $realm, $store, 'invoice', 'Invoice', eng_invoice('v1', 'k1', '30.00', 'K-1'),
    eng_invoice('v1', 'k1', '35.00', 'K-2', ['date' => '2026-11-22']));
$inv = array_values(array_filter(eng_qbo_all($realm, 'Invoice'), fn($r) => preg_match('/qbosync:invoice:v1(?![^\s;,])/', $r['PrivateNote'] ?? '')));
echo "QBO invoices marked v1: ", implode(', ', array_map(fn($r) => "$r[DocNumber] $r[TxnDate] $r[TotalAmt]", $inv)), "\n";

$pay = eng_payment('y1', 'k1', '20.00');
kd_lost_then_edit($conn, $realm, $store, 'payment', 'Payment', $pay, ['date' => '2026-11-23'] + $pay);
$pays = array_values(array_filter(eng_qbo_all($realm, 'Payment'), fn($r) => preg_match('/qbosync:payment:y1(?![^\s;,])/', $r['PrivateNote'] ?? '')));
echo "QBO payments marked y1: ", implode(', ', array_map(fn($r) => "$r[TxnDate] $r[TotalAmt]", $pays)), "\n";
$cn = ['id' => 'n1', 'customer' => 'k1', 'date' => '2026-11-24', 'amount' => '7.50', 'reason' => 'Outage'];
kd_lost_then_edit($conn, $realm, $store, 'credit', 'CreditMemo', $cn, ['date' => '2026-11-26', 'amount' => '8.00'] + $cn);
$cms = array_values(array_filter(eng_qbo_all($realm, 'CreditMemo'), fn($r) => preg_match('/qbosync:credit:n1(?![^\s;,])/', $r['PrivateNote'] ?? '')));
echo "QBO credit memos marked n1: ", implode(', ', array_map(fn($r) => "$r[TxnDate] $r[TotalAmt]", $cms)), "\n";
echo "outbox rows left: ", count(qbo_test_store_rows($store, 'SELECT 1 FROM outbox')), "\n";
?>
--EXPECT--
item after the lost answer: Not Tried, queued true; replays forgotten: true
item edited: Synced, version 2, synced version 2
QBO items named Widget: Widget New 12; linked to it: true
invoice after the lost answer: Not Tried, queued true; replays forgotten: true
invoice edited: Synced, version 2, synced version 2
QBO invoices marked v1: K-2 2026-11-22 35
payment after the lost answer: Not Tried, queued true; replays forgotten: true
payment edited: Synced, version 2, synced version 2
QBO payments marked y1: 2026-11-23 20
credit after the lost answer: Not Tried, queued true; replays forgotten: true
credit edited: Synced, version 2, synced version 2
QBO credit memos marked n1: 2026-11-26 8
outbox rows left: 0
