--TEST--
A write answered 4xx without a QBO Fault (an HTML 408 or 400) after QBO committed is uncertain, not an Error: the requestid is kept and the next version updates the one QBO record (invoice without number, refund, credit)
--FILE--
<?php
require __DIR__ . '/engine.inc';
[$conn, $realm, $opts] = qbo_test_connect();
qbo_push($conn, 'customer', eng_customer('1', 'Amb', 'Iguous', 'amb@example.com'));
$docs = [
    ['invoice', 'Invoice', 408, fn($v) => eng_invoice('20', '1', $v)],
    ['refund', 'RefundReceipt', 400, fn($v) => ['id' => '21', 'customer' => '1', 'date' => '2026-11-25', 'amount' => $v, 'reference' => 'RF-21']],
    ['credit', 'CreditMemo', 408, fn($v) => ['id' => '22', 'customer' => '1', 'date' => '2026-11-26', 'amount' => $v, 'reason' => 'Outage']],
];
foreach ($docs as [$kind, $entity, $status, $make]) {
    $path = strtolower($entity);
    qbo_test_fault(['kind' => 'html', 'status' => $status, 'when' => 'after', 'method' => 'POST', 'realm' => $realm,
        'path' => "/v3/company/$realm/$path", 'count' => 1]);
    $s = qbo_push($conn, $kind, $make('10.00'));
    $row = qbo_test_store_rows($opts['store'], 'SELECT create_rid FROM entity WHERE kind = ? AND local_id = ?', [$kind, $s['id']])[0];
    echo "$kind after HTTP $status: {$s['state']}, queued ", var_export($s['queued'], true), ", requestid kept: ",
        var_export($row['create_rid'] !== null && $row['create_rid'] !== '', true), "\n";
    // a routine update of the record (the next version)
    $s = qbo_push($conn, $kind, $make('12.00'));
    $marked = array_values(array_filter(eng_qbo_all($realm, $entity),
        fn($r) => preg_match('/qbosync:' . $kind . ':' . $s['id'] . '(?![^\s;,])/', $r['PrivateNote'] ?? '')));
    echo "$kind next version: {$s['state']}, QBO records: ", count($marked), ", total {$marked[0]['TotalAmt']}\n";
}
// the same answer on a first version that is then retried unchanged: one record
qbo_test_fault(['kind' => 'html', 'status' => 408, 'when' => 'after', 'method' => 'POST', 'realm' => $realm,
    'path' => "/v3/company/$realm/invoice", 'count' => 1]);
qbo_push($conn, 'invoice', eng_invoice('23', '1', '9.00'));
$r = qbo_sync($conn);
echo "retried unchanged: delivered {$r['delivered']}, QBO invoices marked 23: ",
    count(array_filter(eng_qbo_all($realm, 'Invoice'), fn($r) => preg_match('/qbosync:invoice:23(?![^\s;,])/', $r['PrivateNote'] ?? ''))), "\n";
?>
--EXPECT--
invoice after HTTP 408: Not Tried, queued true, requestid kept: true
invoice next version: Synced, QBO records: 1, total 12
refund after HTTP 400: Not Tried, queued true, requestid kept: true
refund next version: Synced, QBO records: 1, total 12
credit after HTTP 408: Not Tried, queued true, requestid kept: true
credit next version: Synced, QBO records: 1, total 12
retried unchanged: delivered 1, QBO invoices marked 23: 1
