--TEST--
qbo_reconcile: per kind counts and sums in the billing system and in QBO for a period, and the records that differ: an invoice changed in QBO by hand, one made only in QBO, one never pushed; payments match; outside the period nothing counts
--FILE--
<?php
require __DIR__ . '/engine.inc';
[$conn, $realm] = qbo_test_connect(['delivery' => 'worker']);
$docs = [
    'customer' => [eng_customer('r1', 'Rec', 'One', 'r1@example.com'), eng_customer('r2', 'Rec', 'Two', 'r2@example.com')],
    'invoice' => [
        eng_invoice('ri1', 'r1', '100.00', 'R-1'),
        eng_invoice('ri2', 'r2', '50.25', 'R-2'),
        eng_invoice('ri3', 'r1', '7.00', 'R-3', ['date' => '2026-10-15']),
        eng_invoice('ri4', 'r2', '1.00', 'R-4', ['status' => 'draft']),
    ],
    'payment' => [eng_payment('rp1', 'r1', '100.00', 'ri1'), eng_payment('rp2', 'r2', '20.00', 'ri2')],
];
$source = function (string $kind, int $offset, int $limit) use (&$docs) {
    return array_slice($docs[$kind] ?? [], $offset, $limit);
};
qbo_history($conn, ['source' => $source]);
while (qbo_history_status($conn)['state'] === 'running') {
    qbo_sync($conn);
}
echo "pushed: ", json_encode(qbo_history_status($conn)['counts']), "\n";
$rep = fn() => qbo_reconcile($conn, ['from' => '2026-11-01', 'to' => '2026-11-30', 'source' => $source]);
$show = function (array $r) {
    echo "period: ", implode(' .. ', $r['period']), "\n";
    foreach ($r['kinds'] as $kind => $k) {
        printf("%-8s billing %d %8s | QBO %d %8s\n", $kind, $k['billing']['count'], $k['billing']['sum'], $k['qbo']['count'], $k['qbo']['sum']);
        foreach ($k['differ'] as $d) {
            echo "  differs: ", $d['id'] ?? '-', " / QBO ", $d['qbo_id'] ?? '-', ": ", $d['reason'], "\n";
        }
    }
};
$show($rep());

// by hand in QBO: ri2's line raised to 60.25, and an invoice no billing record has
$ri2 = qbo_entities($conn, ['kind' => 'invoice', 'id' => 'ri2'])[0]['qbo_id'];
$inv = qbo_test_api($realm, 'GET', "invoice/$ri2")['json']['Invoice'];
$inv['Line'][0]['Amount'] = 60.25;
$inv['Line'][0]['SalesItemLineDetail']['UnitPrice'] = 60.25;
$inv['Line'] = array_values(array_filter($inv['Line'], fn($l) => $l['DetailType'] !== 'SubTotalLineDetail'));
qbo_test_api($realm, 'POST', 'invoice', $inv);
$cust = qbo_entities($conn, ['kind' => 'customer', 'id' => 'r1'])[0]['qbo_id'];
$item = qbo_test_query($realm, 'select * from Item')[0]['Id'];
$hand = qbo_test_api($realm, 'POST', 'invoice', ['CustomerRef' => ['value' => $cust], 'TxnDate' => '2026-11-25', 'DocNumber' => 'HAND-1',
    'Line' => [['DetailType' => 'SalesItemLineDetail', 'Amount' => 5, 'SalesItemLineDetail' => ['ItemRef' => ['value' => $item]]]]])['json']['Invoice']['Id'];
// and a billing invoice that never reached QBO
$docs['invoice'][] = eng_invoice('ri5', 'r2', '9.99', 'R-5');
echo "after the changes:\n";
$posts = count(eng_requests($realm, "/v3/company/$realm/*", 'POST'));
$r = $rep();
$show($r);
echo "hand-made invoice reported: ", var_export((bool)array_filter($r['kinds']['invoice']['differ'], fn($d) => $d['qbo_id'] === $hand && $d['id'] === null), true), "\n";
$d = array_values(array_filter($r['kinds']['invoice']['differ'], fn($d) => $d['id'] === 'ri2'))[0];
echo "ri2: billing {$d['billing']}, qbo {$d['qbo']}\n";
echo "POSTs by the report: ", count(eng_requests($realm, "/v3/company/$realm/*", 'POST')) - $posts, "\n";
try {
    qbo_reconcile($conn, ['from' => '2026-11-30', 'to' => '2026-11-01']);
} catch (QboSync\ValidationException $e) {
    echo $e->getMessage(), "\n";
}
try {
    qbo_reconcile($conn, ['to' => '2026-11-01']);
} catch (QboSync\ValidationException $e) {
    echo $e->getMessage(), "\n";
}
?>
--EXPECT--
pushed: {"created":7,"linked":0,"updated":0,"unchanged":0,"skipped":1,"waiting":0,"errors":0}
period: 2026-11-01 .. 2026-11-30
invoice  billing 2   150.25 | QBO 2   150.25
payment  billing 2   120.00 | QBO 2   120.00
refund   billing 0     0.00 | QBO 0     0.00
credit   billing 0     0.00 | QBO 0     0.00
after the changes:
period: 2026-11-01 .. 2026-11-30
invoice  billing 3   160.24 | QBO 3   165.25
  differs: ri2 / QBO 2: Amount differs: 50.25 in the billing system, 60.25 in QuickBooks
  differs: ri5 / QBO -: Not in QuickBooks: never pushed
  differs: - / QBO 6: Only in QuickBooks: no billing record is linked to it
payment  billing 2   120.00 | QBO 2   120.00
refund   billing 0     0.00 | QBO 0     0.00
credit   billing 0     0.00 | QBO 0     0.00
hand-made invoice reported: true
ri2: billing 50.25, qbo 60.25
POSTs by the report: 0
qbo_reconcile: from (2026-11-30) is after to (2026-11-01)
qbo_reconcile: from and to are required dates as YYYY-MM-DD
