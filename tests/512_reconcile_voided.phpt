--TEST--
qbo_reconcile: a QBO record voided (amounts zeroed, "Voided" before its note) is not in the books: a cancelled invoice qbosync voided is counted on neither side and differs in nothing; an invoice or a payment voided by hand in QBO while the billing system still counts it differs with that reason, and QBO's sums leave it out
--FILE--
<?php
require __DIR__ . '/engine.inc';
[$conn, $realm] = qbo_test_connect(['delivery' => 'worker']);
$docs = [
    'customer' => [eng_customer('v1', 'Void', 'One', 'v1@example.com')],
    'invoice' => [eng_invoice('vi1', 'v1', '40.00', 'V-1'), eng_invoice('vi2', 'v1', '15.00', 'V-2'), eng_invoice('vi3', 'v1', '9.00', 'V-3')],
    'payment' => [eng_payment('vp1', 'v1', '9.00', 'vi3'), eng_payment('vp2', 'v1', '5.00')],
];
foreach ($docs as $kind => $list) {
    foreach ($list as $d) {
        qbo_push($conn, $kind, $d);
    }
}
qbo_sync($conn);
// the billing system cancels vi1: qbosync voids it in QBO
$docs['invoice'][0]['status'] = 'cancelled';
qbo_push($conn, 'invoice', $docs['invoice'][0]);
qbo_sync($conn);
$q = fn(string $kind, string $id) => qbo_entities($conn, ['kind' => $kind, 'id' => $id])[0];
echo "vi1: ", $q('invoice', 'vi1')['state'], "\n";
$source = function (string $kind, int $offset, int $limit) use (&$docs) {
    return array_slice($docs[$kind] ?? [], $offset, $limit);
};
$show = function () use ($conn, $source) {
    $r = qbo_reconcile($conn, ['from' => '2026-11-01', 'to' => '2026-11-30', 'source' => $source, 'kinds' => ['invoice', 'payment']]);
    foreach ($r['kinds'] as $kind => $k) {
        printf("%-8s billing %d %6s | QBO %d %6s\n", $kind, $k['billing']['count'], $k['billing']['sum'], $k['qbo']['count'], $k['qbo']['sum']);
        foreach ($k['differ'] as $d) {
            echo "  differs: ", $d['id'] ?? '-', " / QBO ", $d['qbo_id'] ?? '-', " (", $d['billing'] ?? '-', " / ", $d['qbo'] ?? '-', "): ", $d['reason'], "\n";
        }
    }
};
$i1 = qbo_test_api($realm, 'GET', 'invoice/' . $q('invoice', 'vi1')['qbo_id'])['json']['Invoice'];
echo "QBO vi1: total {$i1['TotalAmt']}, note {$i1['PrivateNote']}\n";
$show();
// by hand in QBO: vi2 and the unapplied payment vp2 voided
$i2 = qbo_test_api($realm, 'GET', 'invoice/' . $q('invoice', 'vi2')['qbo_id'])['json']['Invoice'];
qbo_test_api($realm, 'POST', 'invoice?operation=void', ['Id' => $i2['Id'], 'SyncToken' => $i2['SyncToken']]);
$p2 = qbo_test_api($realm, 'GET', 'payment/' . $q('payment', 'vp2')['qbo_id'])['json']['Payment'];
qbo_test_api($realm, 'POST', 'payment?operation=update&include=void', ['Id' => $p2['Id'], 'SyncToken' => $p2['SyncToken'], 'sparse' => true]);
echo "after voids by hand:\n";
$show();
?>
--EXPECTF--
vi1: Synced
QBO vi1: total 0, note Voided - qbosync:invoice:vi1
invoice  billing 2  24.00 | QBO 2  24.00
payment  billing 2  14.00 | QBO 2  14.00
after voids by hand:
invoice  billing 2  24.00 | QBO 1   9.00
  differs: vi2 / QBO %d (15.00 / 0.00): Voided in QuickBooks, while the billing system still counts it
payment  billing 2  14.00 | QBO 1   9.00
  differs: vp2 / QBO %d (5.00 / 0.00): Voided in QuickBooks, while the billing system still counts it
