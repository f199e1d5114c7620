--TEST--
A deletion recorded while the record's create has no QBO Id: found by the keys its lost create carried (a refund redated meanwhile, found among its old date's refund receipts; a credit note), that record is deleted and nothing is created; not found (its QBO record redated by hand, or the create never reached QBO), the create is sent again under its own requestid, answered by QBO's replay with that record or making it, and that record is deleted; never sent at all (waiting on its customer, refused by a 429 in a /batch, or refused by QBO while the deletion was recorded), it is Deleted with nothing asked of QBO: no live QBO record is left of any, the store says Deleted and keeps no outbox row
--FILE--
<?php
require __DIR__ . '/engine.inc';
[$conn, $realm, $opts] = qbo_test_connect(['delivery' => 'inline']);
$store = $opts['store'];
$cust = qbo_push($conn, 'customer', eng_customer('k1', 'Del', 'Ete', 'del.ete@example.com'))['qbo_id'];

function dl_marked(string $realm, string $kind, string $entity, string $id): array
{
    return array_values(array_filter(eng_qbo_all($realm, $entity),
        fn($r) => preg_match('/qbosync:' . $kind . ':' . preg_quote($id, '/') . '(?![^\s;,])/', $r['PrivateNote'] ?? '')));
}
/* the store's entity and outbox rows of $kind $id, and the QBO records marked with it */
function dl_report($conn, string $realm, string $store, string $kind, string $entity, string $id, string $label): void
{
    $e = qbo_entities($conn, ['kind' => $kind, 'id' => $id])[0];
    $rows = dl_marked($realm, $kind, $entity, $id);
    echo "$label: $kind $id {$e['state']} ({$e['reason']}), QBO Id ", $e['qbo_id'] === null ? 'none' : 'set', ", outbox rows ",
        count(qbo_test_store_rows($store, 'SELECT 1 FROM outbox WHERE kind = ? AND local_id = ?', [$kind, $id])),
        "; QBO {$entity}s marked $id: ", count($rows), ", alive: ", count(array_filter($rows, fn($r) => $r['__status'] === 'active')), "\n";
}
/* each write as its operation and HTTP status */
function dl_writes(array $reqs): string
{
    return implode(', ', array_map(fn($r) => ($r['query']['operation'] ?? 'create') . " $r[status]", $reqs));
}
/* the requests of $realm on $path made since $seen was read (eng_requests() of the same path) */
function dl_since(string $realm, array $seen, ?string $path = null): array
{
    return array_slice(eng_requests($realm, $path ?? "/v3/company/$realm/*"), count($seen));
}
function dl_lose(string $realm, string $entity, string $when): array
{
    return qbo_test_fault(['kind' => 'drop', 'when' => $when, 'method' => 'POST', 'realm' => $realm,
        'path' => "/v3/company/$realm/" . strtolower($entity), 'count' => 1]);
}
$rrPath = "/v3/company/$realm/refundreceipt";

echo "-- found by the keys the lost create carried\n";
$rule = dl_lose($realm, 'RefundReceipt', 'after');
$d1 = ['id' => 'd1', 'customer' => 'k1', 'date' => '2026-11-22', 'amount' => '15.00'];
$st = qbo_push($conn, 'refund', $d1);
qbo_test_http('DELETE', '/_sandbox/faults/' . $rule['id']);
$st2 = qbo_push($conn, 'refund', ['date' => '2026-11-27'] + $d1, QBO_QUEUE_ONLY);
echo "d1 answer lost: {$st['state']}, QBO holds ", count(dl_marked($realm, 'refund', 'RefundReceipt', 'd1')), "; redated, only recorded: version {$st2['version']}\n";
$rule = dl_lose($realm, 'CreditMemo', 'after');
$st = qbo_push($conn, 'credit', ['id' => 'n1', 'customer' => 'k1', 'date' => '2026-11-24', 'amount' => '7.50', 'reason' => 'Outage']);
qbo_test_http('DELETE', '/_sandbox/faults/' . $rule['id']);
echo "n1 answer lost: {$st['state']}, QBO holds ", count(dl_marked($realm, 'credit', 'CreditMemo', 'n1')), "; replays forgotten: ",
    var_export(qbo_test_http('DELETE', "/_sandbox/requestids/$realm")['json']['deleted'] >= 2, true), "\n";
qbo_test_store_exec($store, 'UPDATE outbox SET next_try = 0');
$seen = eng_requests($realm, $rrPath);
qbo_delete($conn, 'refund', 'd1');
echo "d1's writes: ", dl_writes(dl_since($realm, $seen, $rrPath)), "\n";
dl_report($conn, $realm, $store, 'refund', 'RefundReceipt', 'd1', 'found');
qbo_delete($conn, 'credit', 'n1');
dl_report($conn, $realm, $store, 'credit', 'CreditMemo', 'n1', 'found');

echo "-- not found: the create sent again under its requestid\n";
$rule = dl_lose($realm, 'RefundReceipt', 'after');
qbo_push($conn, 'refund', ['id' => 'd2', 'customer' => 'k1', 'date' => '2026-11-22', 'amount' => '9.00']);
qbo_test_http('DELETE', '/_sandbox/faults/' . $rule['id']);
$lost = array_values(array_filter(eng_requests($realm, $rrPath, 'POST'), fn($r) => !isset($r['query']['operation'])));
$lost = end($lost);
$rec = dl_marked($realm, 'refund', 'RefundReceipt', 'd2')[0];
$u = qbo_test_api($realm, 'POST', 'refundreceipt', ['Id' => $rec['Id'], 'SyncToken' => $rec['SyncToken'], 'sparse' => true, 'TxnDate' => '2026-11-29']);
echo "d2 answer lost, then redated in QBO by hand: HTTP {$u['status']}\n";
qbo_test_store_exec($store, 'UPDATE outbox SET next_try = 0');
$seen = eng_requests($realm, $rrPath);
qbo_delete($conn, 'refund', 'd2');
$w = dl_since($realm, $seen, $rrPath);
echo "d2's writes: ", dl_writes($w), "; the create under the lost one's requestid: ",
    var_export(isset($w[0]['requestid']) && $w[0]['requestid'] === $lost['requestid'], true), "\n";
$rows = dl_marked($realm, 'refund', 'RefundReceipt', 'd2');
dl_report($conn, $realm, $store, 'refund', 'RefundReceipt', 'd2', 'replayed');
echo "the record deleted is the one redated by hand: ", var_export(count($rows) === 1 && $rows[0]['Id'] === $rec['Id'] && $rows[0]['TxnDate'] === '2026-11-29', true), "\n";
$rule = dl_lose($realm, 'RefundReceipt', 'before');
$st = qbo_push($conn, 'refund', ['id' => 'd3', 'customer' => 'k1', 'date' => '2026-11-22', 'amount' => '4.00']);
qbo_test_http('DELETE', '/_sandbox/faults/' . $rule['id']);
echo "d3 dropped before QBO: {$st['state']}, QBO holds ", count(dl_marked($realm, 'refund', 'RefundReceipt', 'd3')), "\n";
qbo_test_store_exec($store, 'UPDATE outbox SET next_try = 0');
$seen = eng_requests($realm, $rrPath);
qbo_delete($conn, 'refund', 'd3');
echo "d3's writes: ", dl_writes(dl_since($realm, $seen, $rrPath)), "\n";
dl_report($conn, $realm, $store, 'refund', 'RefundReceipt', 'd3', 'made and deleted');

echo "-- never sent: nothing asked of QBO\n";
$st = qbo_push($conn, 'refund', ['id' => 'w1', 'customer' => 'k9', 'date' => '2026-11-22', 'amount' => '5.00']);
echo "w1: {$st['state']} ({$st['reason']})\n";
$seen = eng_requests($realm, "/v3/company/$realm/*");
$st = qbo_delete($conn, 'refund', 'w1');
echo "w1 deleted: {$st['state']}, queued ", var_export($st['queued'], true), ", requests ", count(dl_since($realm, $seen)), "\n";
qbo_push($conn, 'customer', eng_customer('k9', 'Late', 'Comer', 'late.comer@example.com'));
qbo_sync($conn);
dl_report($conn, $realm, $store, 'refund', 'RefundReceipt', 'w1', 'its customer came later');

qbo_push($conn, 'refund', ['id' => 't1', 'customer' => 'k1', 'date' => '2026-11-23', 'amount' => '3.00'], QBO_QUEUE_ONLY);
qbo_push($conn, 'refund', ['id' => 't2', 'customer' => 'k1', 'date' => '2026-11-23', 'amount' => '2.00'], QBO_QUEUE_ONLY);
$rule = qbo_test_fault(['kind' => '429', 'method' => 'POST', 'realm' => $realm, 'path' => "/v3/company/$realm/batch", 'count' => 1]);
$r = qbo_sync($conn, ['batch_size' => 30]);
qbo_test_http('DELETE', '/_sandbox/faults/' . $rule['id']);
$seen = eng_requests($realm, "/v3/company/$realm/*");
$st = qbo_delete($conn, 'refund', 't1');
echo "t1, t2 refused by a 429: remaining {$r['remaining']}; t1 deleted: {$st['state']}, queued ", var_export($st['queued'], true),
    ", requests ", count(dl_since($realm, $seen)), "\n";
qbo_test_store_exec($store, 'UPDATE outbox SET next_try = 0');
qbo_test_store_exec($store, 'UPDATE conn SET throttled_until = 0');
qbo_sync($conn, ['batch_size' => 30]);
dl_report($conn, $realm, $store, 'refund', 'RefundReceipt', 't1', 'after the 429');
dl_report($conn, $realm, $store, 'refund', 'RefundReceipt', 't2', 'after the 429');

/* h1's create is held in flight by another process; the deletion is recorded meanwhile and QBO then refuses
 * the create (its customer made inactive): the deletion's delivery has no earlier create to look for */
$worker = qbo_connect(['delivery' => 'worker'] + $opts);
$rule = qbo_test_fault(['kind' => 'hold', 'method' => 'POST', 'realm' => $realm, 'path' => $rrPath, 'delay_ms' => 60000, 'count' => 1]);
$child = eng_child_start(['opts' => ['delivery' => 'inline'] + $opts, 'mode' => 'push',
    'docs' => [['refund', ['id' => 'h1', 'customer' => 'k1', 'date' => '2026-11-22', 'amount' => '8.00']]]]);
$held = qbo_test_fault_hit($rule, 150);
$st = qbo_delete($worker, 'refund', 'h1');
$active = function (bool $on) use ($realm, $cust): int {
    $c = qbo_test_api($realm, 'GET', "customer/$cust")['json']['Customer'];
    return qbo_test_api($realm, 'POST', 'customer', ['Id' => $cust, 'SyncToken' => $c['SyncToken'], 'sparse' => true, 'Active' => $on])['status'];
};
echo "h1's create held: ", var_export($held, true), "; deletion recorded meanwhile: {$st['state']}, version {$st['version']}, queued ",
    var_export($st['queued'], true), "; customer made inactive: HTTP ", $active(false), "\n";
qbo_test_http('DELETE', '/_sandbox/faults/' . $rule['id']);
eng_child_wait($child);
$e = qbo_entities($conn, ['kind' => 'refund', 'id' => 'h1'])[0];
echo "h1's create refused: {$e['state']} (2500: ", var_export(str_contains($e['reason'], 'Invalid Reference Id (2500)'), true), "), version {$e['version']}, QBO Id ",
    var_export($e['qbo_id'], true), "; customer active again: HTTP ", $active(true), "\n";
qbo_test_store_exec($store, 'UPDATE outbox SET next_try = 0');
$seen = eng_requests($realm, "/v3/company/$realm/*");
$r = qbo_sync($worker);
echo "sync: remaining {$r['remaining']}, errors {$r['errors']}, requests ", count(dl_since($realm, $seen)), "\n";
dl_report($conn, $realm, $store, 'refund', 'RefundReceipt', 'h1', 'refused in flight');
echo "outbox rows left: ", count(qbo_test_store_rows($store, 'SELECT 1 FROM outbox')), "\n";
?>
--EXPECT--
-- found by the keys the lost create carried
d1 answer lost: Not Tried, QBO holds 1; redated, only recorded: version 2
n1 answer lost: Not Tried, QBO holds 1; replays forgotten: true
d1's writes: delete 200
found: refund d1 Deleted (Deleted in QuickBooks (it was QBO RefundReceipt 1), as in the billing system), QBO Id none, outbox rows 0; QBO RefundReceipts marked d1: 1, alive: 0
found: credit n1 Deleted (Deleted in QuickBooks (it was QBO CreditMemo 2), as in the billing system), QBO Id none, outbox rows 0; QBO CreditMemos marked n1: 1, alive: 0
-- not found: the create sent again under its requestid
d2 answer lost, then redated in QBO by hand: HTTP 200
d2's writes: create 200, delete 400, delete 200; the create under the lost one's requestid: true
replayed: refund d2 Deleted (Deleted in QuickBooks (it was QBO RefundReceipt 3), as in the billing system), QBO Id none, outbox rows 0; QBO RefundReceipts marked d2: 1, alive: 0
the record deleted is the one redated by hand: true
d3 dropped before QBO: Not Tried, QBO holds 0
d3's writes: create 200, delete 200
made and deleted: refund d3 Deleted (Deleted in QuickBooks (it was QBO RefundReceipt 4), as in the billing system), QBO Id none, outbox rows 0; QBO RefundReceipts marked d3: 1, alive: 0
-- never sent: nothing asked of QBO
w1: Waiting (Waiting on customer k9)
w1 deleted: Deleted, queued false, requests 0
its customer came later: refund w1 Deleted (Deleted before it reached QuickBooks), QBO Id none, outbox rows 0; QBO RefundReceipts marked w1: 0, alive: 0
t1, t2 refused by a 429: remaining 2; t1 deleted: Deleted, queued false, requests 0
after the 429: refund t1 Deleted (Deleted before it reached QuickBooks), QBO Id none, outbox rows 0; QBO RefundReceipts marked t1: 0, alive: 0
after the 429: refund t2 Synced (), QBO Id set, outbox rows 0; QBO RefundReceipts marked t2: 1, alive: 1
h1's create held: true; deletion recorded meanwhile: Not Tried, version 2, queued true; customer made inactive: HTTP 200
h1's create refused: Error (2500: true), version 2, QBO Id NULL; customer active again: HTTP 200
sync: remaining 0, errors 0, requests 0
refused in flight: refund h1 Deleted (Deleted before it reached QuickBooks), QBO Id none, outbox rows 0; QBO RefundReceipts marked h1: 0, alive: 0
outbox rows left: 0
