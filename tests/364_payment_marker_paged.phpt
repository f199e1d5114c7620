--TEST--
A payment's guard finds its own QBO payment by marker on every page: 120 other payments of the customer share its date, the requestid was lost, and the re-push links instead of paying twice
--FILE--
<?php
require __DIR__ . '/engine.inc';
[$conn, $realm, $opts] = qbo_test_connect(['delivery' => 'worker']);
qbo_push($conn, 'customer', eng_customer('1', 'Many', 'Payments', 'many@example.com'));
qbo_sync($conn);
$cust = qbo_entities($conn, ['kind' => 'customer'])[0]['qbo_id'];
// 120 payments of the same customer and date made in QBO by hand
for ($b = 0; $b < 4; $b++) {
    $items = [];
    for ($i = 0; $i < 30; $i++) {
        $items[] = ['bId' => "p$b-$i", 'operation' => 'create', 'Payment' => ['CustomerRef' => ['value' => $cust],
            'TotalAmt' => 1, 'TxnDate' => '2026-11-21']];
    }
    $r = qbo_test_api($realm, 'POST', 'batch', ['BatchItemRequest' => $items]);
    if ($r['status'] !== 200) {
        throw new RuntimeException("seed batch failed: {$r['status']}");
    }
}
// our payment is recorded, but its answer is lost
qbo_test_fault(['kind' => 'drop', 'when' => 'after', 'method' => 'POST', 'realm' => $realm,
    'path' => "/v3/company/$realm/batch", 'count' => 1]);
qbo_push($conn, 'payment', eng_payment('3', '1', '15.00'));
$r = qbo_sync($conn);
echo "first sync: delivered {$r['delivered']}, remaining {$r['remaining']}, QBO holds it: ", eng_qbo_payments_marked($realm, '3'), "\n";
// the requestid is gone (as an Error used to drop it) and the record is pushed again
qbo_test_store_exec($opts['store'], "UPDATE entity SET create_rid = NULL WHERE kind = 'payment'");
$r = qbo_sync($conn);
$e = qbo_entities($conn, ['kind' => 'payment'])[0];
echo "retry: delivered {$r['delivered']}, {$e['state']}, QBO payments marked 3: ", eng_qbo_payments_marked($realm, '3'),
    ", QBO payments of the date: ", eng_qbo_count($realm, 'Payment', 'TxnDate', '2026-11-21'), "\n";
$pages = array_filter(eng_requests($realm, "/v3/company/$realm/query", 'GET'),
    fn($q) => str_contains($q['query']['query'] ?? '', 'from Payment where'));
echo "guard queries name a page size: ", var_export(count($pages) > 0 && array_reduce($pages, fn($c, $q) => $c && str_contains($q['query']['query'], 'maxresults 1000'), true), true), "\n";
?>
--EXPECT--
first sync: delivered 0, remaining 1, QBO holds it: 1
retry: delivered 1, Synced, QBO payments marked 3: 1, QBO payments of the date: 121
guard queries name a page size: true
