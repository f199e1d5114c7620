--TEST--
A refund whose create QBO committed but whose answer was lost, with QBO's requestid replays gone (their retention is unknown), is then edited: once redated with a new amount (the retry finds the record by its marker among its old date's refund receipts), once with a new amount on the same date (found by its marker among the current date's); each edit goes as an update: QBO holds one RefundReceipt marked with each id, holding the edit, Synced at version 2 and linked to that record
--FILE--
<?php
require __DIR__ . '/engine.inc';
[$conn, $realm, $opts] = qbo_test_connect(['delivery' => 'inline']);
$store = $opts['store'];
qbo_push($conn, 'customer', eng_customer('k1', 'Rae', 'Fund', 'rae@example.com'));
qbo_push($conn, 'invoice', eng_invoice('v1', 'k1', '40.00', 'RF-1'));
qbo_push($conn, 'payment', eng_payment('y1', 'k1', '40.00', 'v1'));

/* one lost create of refund $first, then $edit pushed with the replays forgotten */
function rf_lost_then_edit($conn, string $realm, string $store, array $first, array $edit): void
{
    $rule = qbo_test_fault(['kind' => 'drop', 'when' => 'after', 'method' => 'POST', 'realm' => $realm,
        'path' => "/v3/company/$realm/refundreceipt", 'count' => 1]);
    $st = qbo_push($conn, 'refund', $first);
    qbo_test_http('DELETE', '/_sandbox/faults/' . $rule['id']);
    echo "refund {$first['id']} after the lost answer: {$st['state']}, queued ", var_export($st['queued'], true), ", QBO holds it: ",
        count(rf_marked($realm, $first['id'])), "; replays forgotten: ",
        var_export(qbo_test_http('DELETE', "/_sandbox/requestids/$realm")['json']['deleted'] >= 1, true), "\n";
    qbo_test_store_exec($store, 'UPDATE outbox SET next_try = 0');
    $st = qbo_push($conn, 'refund', $edit);
    $e = qbo_entities($conn, ['kind' => 'refund', 'id' => $edit['id']])[0];
    $rows = rf_marked($realm, $edit['id']);
    echo "refund {$edit['id']} edited: {$st['state']}, version {$e['version']}, synced version {$e['synced_version']}; QBO refund receipts marked {$edit['id']}: ",
        implode(', ', array_map(fn($r) => "$r[TxnDate] $r[TotalAmt] $r[__status]", $rows)), "; linked to it: ",
        var_export(count($rows) === 1 && $rows[0]['Id'] === (string)$e['qbo_id'], true), "\n";
}

function rf_marked(string $realm, string $id): array
{
    return array_values(array_filter(eng_qbo_all($realm, 'RefundReceipt'),
        fn($r) => preg_match('/qbosync:refund:' . preg_quote($id, '/') . '(?![^\s;,])/', $r['PrivateNote'] ?? '')));
}

$r1 = ['id' => 'f1', 'customer' => 'k1', 'date' => '2026-11-22', 'amount' => '15.00', 'refunds' => 'y1', 'invoice' => 'v1'];
rf_lost_then_edit($conn, $realm, $store, $r1, ['date' => '2026-11-25', 'amount' => '17.00'] + $r1);
$r2 = ['id' => 'f2', 'customer' => 'k1', 'date' => '2026-11-22', 'amount' => '5.00', 'refunds' => 'y1', 'invoice' => 'v1'];
rf_lost_then_edit($conn, $realm, $store, $r2, ['amount' => '6.00'] + $r2);
echo "refund receipt writes sent: ", count(eng_requests($realm, "/v3/company/$realm/refundreceipt", 'POST')), "\n";
echo "outbox rows left: ", count(qbo_test_store_rows($store, 'SELECT 1 FROM outbox')), "\n";
?>
--EXPECT--
refund f1 after the lost answer: Not Tried, queued true, QBO holds it: 1; replays forgotten: true
refund f1 edited: Synced, version 2, synced version 2; QBO refund receipts marked f1: 2026-11-25 17 active; linked to it: true
refund f2 after the lost answer: Not Tried, queued true, QBO holds it: 1; replays forgotten: true
refund f2 edited: Synced, version 2, synced version 2; QBO refund receipts marked f2: 2026-11-22 6 active; linked to it: true
refund receipt writes sent: 4
outbox rows left: 0
