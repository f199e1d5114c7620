--TEST--
A guard finds its own QBO record past the first page of 1,000: a payment and a refund whose create answers were lost and that were then edited (so their requestids are an older version's) while 1,020 other payments and refund receipts of the customer share the date; the retries read the second page, link the records QBO made, send the edits and pay nothing twice
--FILE--
<?php
require __DIR__ . '/engine.inc';
[$conn, $realm, $opts] = qbo_test_connect(['delivery' => 'worker']);
qbo_push($conn, 'customer', eng_customer('1', 'Page', 'Two', 'page2@example.com'));
qbo_sync($conn);
$cust = qbo_entities($conn, ['kind' => 'customer'])[0]['qbo_id'];
$acct = null;
foreach (qbo_test_query($realm, "select * from Account where AccountType = 'Bank'") as $a) {
    $acct ??= $a['Id'];
}
qbo_test_http('POST', '/_sandbox/limits', ['realm' => $realm, 'enabled' => false]);   /* the seeding is not paced */
/* 1,020 payments and 1,020 refund receipts of the same customer and date, made in QBO by hand */
foreach (['Payment' => ['TotalAmt' => 1], 'RefundReceipt' => ['DepositToAccountRef' => ['value' => $acct],
        'Line' => [['DetailType' => 'SalesItemLineDetail', 'Amount' => 1, 'SalesItemLineDetail' => ['ItemRef' => ['value' => '1']]]]]] as $entity => $more) {
    for ($b = 0; $b < 34; $b++) {
        $items = [];
        for ($i = 0; $i < 30; $i++) {
            $items[] = ['bId' => "s$b-$i", 'operation' => 'create', $entity => ['CustomerRef' => ['value' => $cust],
                'TxnDate' => '2026-11-21'] + $more];
        }
        $r = qbo_test_api($realm, 'POST', 'batch', ['BatchItemRequest' => $items]);
        if ($r['status'] !== 200 || isset($r['json']['BatchItemResponse'][0]['Fault'])) {
            throw new RuntimeException("seed batch failed: {$r['status']} " . json_encode($r['json']['BatchItemResponse'][0] ?? null));
        }
    }
}
echo "QBO: ", count(qbo_test_query($realm, "select * from Payment where TxnDate = '2026-11-21' maxresults 1000")), " payments on the first page\n";
qbo_test_http('POST', '/_sandbox/limits', ['realm' => $realm, 'reset' => true]);
/* ours are recorded, but their answers are lost */
foreach (['payment', 'refundreceipt'] as $p) {
    qbo_test_fault(['kind' => 'drop', 'when' => 'after', 'method' => 'POST', 'realm' => $realm,
        'path' => "/v3/company/$realm/$p", 'count' => 1]);
}
qbo_push($conn, 'payment', eng_payment('3', '1', '15.00'));
qbo_push($conn, 'refund', ['id' => '4', 'customer' => '1', 'date' => '2026-11-21', 'amount' => '5.00', 'method' => 'paypal', 'reference' => 'RF-4']);
$r = qbo_sync($conn, ['batch_size' => 1]);
/* the QBO records (latest versions, every status) of $entity that carry the marker of $kind $id, from
 * one ledger dump of the company (its 2,000 records make each dump dear under valgrind) */
$marked = fn(array $ledger, string $entity, string $kind, string $id) => array_values(array_map(fn($e) => $e['current'],
    array_filter($ledger, fn($e) => $e['entity'] === $entity && str_contains($e['current']['PrivateNote'] ?? '', "qbosync:$kind:$id"))));
$ledger = qbo_test_ledger($realm)['entities'];
echo "first sync: delivered {$r['delivered']}, remaining {$r['remaining']}; QBO holds payment 3: ", count($marked($ledger, 'Payment', 'payment', '3')),
    ", refund 4: ", count($marked($ledger, 'RefundReceipt', 'refund', '4')), "\n";
/* both are edited meanwhile: the requestids of the lost creates are an older version's, so only
 * the guards can settle them (a payment's always looks for its marker) */
qbo_push($conn, 'payment', eng_payment('3', '1', '16.00'));
qbo_push($conn, 'refund', ['id' => '4', 'customer' => '1', 'date' => '2026-11-21', 'amount' => '6.00', 'method' => 'paypal', 'reference' => 'RF-4']);
$n = count(eng_requests($realm, '/v3/company/*'));
$r = qbo_sync($conn);
$pages = 0;
foreach (array_slice(eng_requests($realm, '/v3/company/*'), $n) as $q) {
    $pages += str_contains((string)($q['query']['query'] ?? ''), 'startposition 1001') ? 1 : 0;
}
echo "retry: delivered {$r['delivered']}, errors {$r['errors']}, remaining {$r['remaining']}; second pages read: $pages\n";
$ledger = qbo_test_ledger($realm)['entities'];
foreach ([['payment', '3', 'Payment'], ['refund', '4', 'RefundReceipt']] as [$kind, $id, $entity]) {
    $e = qbo_entities($conn, ['kind' => $kind, 'id' => $id])[0];
    $rows = $marked($ledger, $entity, $kind, $id);
    echo "$kind $id: {$e['state']}, QBO records marked: ", count($rows), ", linked to it: ", var_export(($rows[0]['Id'] ?? null) === $e['qbo_id'], true),
        ", amount ", number_format((float)($rows[0]['TotalAmt'] ?? 0), 2), "\n";
}
?>
--EXPECT--
QBO: 1000 payments on the first page
first sync: delivered 0, remaining 2; QBO holds payment 3: 1, refund 4: 1
retry: delivered 2, errors 0, remaining 0; second pages read: 2
payment 3: Synced, QBO records marked: 1, linked to it: true, amount 16.00
refund 4: Synced, QBO records marked: 1, linked to it: true, amount 6.00
