--TEST--
Worker delivery: a wave's plan reads in one snapshot, and a write it makes meanwhile (a customer from before sync_start that a wave's invoice needs is queued) ends the snapshot and commits: the invoices wait on it, then the next pass delivers the customer and them; every record once in QBO, all Synced
--FILE--
<?php
require __DIR__ . '/batch.inc';
[$conn, $realm] = qbo_test_connect(['delivery' => 'worker', 'sync_start' => '2026-11-01']);
qbo_push($conn, 'customer', eng_customer('old', 'Old', 'Timer', 'old@example.com', ['created' => '2025-03-04T10:00:00+00:00']));
qbo_push($conn, 'customer', eng_customer('new', 'New', 'Comer', 'new@example.com', ['created' => '2026-11-02']));
$r = qbo_sync($conn);
$c = qbo_entities($conn, ['kind' => 'customer', 'id' => 'old'])[0];
echo "first pass: delivered {$r['delivered']}; old customer {$c['state']}\n";
for ($k = 1; $k <= 3; $k++) {
    qbo_push($conn, 'invoice', eng_invoice("io$k", 'old', sprintf('%d.00', 10 + $k), "OLD-$k", ['date' => '2026-11-05']));
    qbo_push($conn, 'invoice', eng_invoice("in$k", 'new', sprintf('%d.00', 20 + $k), "NEW-$k", ['date' => '2026-11-05']));
}
for ($pass = 0; $pass < 5 && qbo_status($conn)['queued'] > 0; $pass++) {
    qbo_sync($conn);
}
$s = qbo_status($conn);
echo "after the passes: Synced {$s['counts']['Synced']}, Error {$s['counts']['Error']}, Waiting {$s['counts']['Waiting']}, queued {$s['queued']}\n";
$c = qbo_entities($conn, ['kind' => 'customer', 'id' => 'old'])[0];
echo "old customer: {$c['state']}, in QBO ", eng_qbo_count($realm, 'Customer', 'DisplayName', 'Old Timer'), "\n";
$m = bt_markers($realm);
echo "QBO records by marker: ", count($m), ", each once: ", var_export(array_filter($m, fn($n) => $n !== 1) === [], true), "\n";
foreach (['OLD-1', 'OLD-2', 'OLD-3', 'NEW-1'] as $doc) {
    echo "invoice $doc in QBO: ", eng_qbo_count($realm, 'Invoice', 'DocNumber', $doc), "\n";
}
?>
--EXPECT--
first pass: delivered 1; old customer Skipped
after the passes: Synced 8, Error 0, Waiting 0, queued 0
old customer: Synced, in QBO 1
QBO records by marker: 8, each once: true
invoice OLD-1 in QBO: 1
invoice OLD-2 in QBO: 1
invoice OLD-3 in QBO: 1
invoice NEW-1 in QBO: 1
