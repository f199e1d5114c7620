--TEST--
Deferred drain: records waiting on dependencies pushed in earlier requests (payments on invoices on customers, still queued) have those dependencies delivered as waves first, then go again as waves: every create in /batch requests, none one record at a time; every record once in QBO, all Synced; a dependency never pushed leaves its dependent Waiting on it
--FILE--
<?php
require __DIR__ . '/batch.inc';
[$conn, $realm, $opts] = qbo_test_connect(['delivery' => 'worker']);
// pushed by earlier requests, still queued (a worker has not run)
for ($k = 1; $k <= 6; $k++) {
    qbo_push($conn, 'customer', eng_customer("w$k", 'Waiting', "Client w$k", "w$k@example.com"));
}
for ($k = 1; $k <= 6; $k++) {
    qbo_push($conn, 'invoice', eng_invoice("iw$k", "w$k", sprintf('%d.00', 20 + $k), $k % 2 ? "WV-$k" : null));
}
unset($conn);
// this request pushes only the payments (and an invoice of a customer never pushed)
$docs = [];
for ($k = 1; $k <= 6; $k++) {
    $docs[] = ['payment', eng_payment("pw$k", "w$k", sprintf('%d.00', 20 + $k), "iw$k")];
}
$docs[] = ['invoice', eng_invoice('ighost', 'ghost', '7.00', 'WV-ghost')];
$child = eng_child_start(['opts' => ['delivery' => 'deferred'] + $opts, 'mode' => 'push', 'docs' => $docs]);
[$code, $out, $err] = eng_child_wait($child);
echo "child exit $code", $err !== '' ? " stderr: $err" : '', "\n";
$conn = qbo_connect($opts);
$s = qbo_status($conn);
echo "after request end: Synced {$s['counts']['Synced']}, Error {$s['counts']['Error']}, Waiting {$s['counts']['Waiting']}\n";
echo bt_markers($realm) === array_fill_keys(array_merge(
    array_map(fn($k) => "customer:w$k", range(1, 6)), array_map(fn($k) => "invoice:iw$k", range(1, 6)),
    array_map(fn($k) => "payment:pw$k", range(1, 6))), 1) ? "QBO: every record exactly once\n" : "QBO: " . json_encode(bt_markers($realm)) . "\n";
$count = fn($what) => count(eng_requests($realm, "/v3/company/$realm/$what", 'POST'));
echo "writes: /batch ", $count('batch') > 0 ? 'some' : 'none', ", one record at a time: /customer {$count('customer')}, /invoice {$count('invoice')}, /payment {$count('payment')}\n";
$paid = array_filter(eng_qbo_all($realm, 'Invoice'), fn($i) => preg_match('/qbosync:invoice:iw\d\b/', $i['PrivateNote'] ?? '') && (float)$i['Balance'] == 0.0);
echo "invoices paid: ", count($paid), "\n";
foreach (qbo_test_store_rows($opts['store'], "SELECT kind, local_id AS id, state, reason FROM entity WHERE state <> 'Synced' ORDER BY kind, local_id") as $row) {
    echo "$row[kind] $row[id]: $row[state]: $row[reason]\n";
}
?>
--EXPECT--
child exit 0
after request end: Synced 18, Error 0, Waiting 1
QBO: every record exactly once
writes: /batch some, one record at a time: /customer 0, /invoice 0, /payment 0
invoices paid: 6
invoice ighost: Waiting: Waiting on customer ghost
