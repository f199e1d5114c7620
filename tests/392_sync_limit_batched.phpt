--TEST--
qbo_sync's limit caps a batched sync (batch_size 30): with 12 customers queued, limit 5 delivers exactly 5 and leaves 7 queued; QBO holds those 5; the next sync without a limit delivers the rest
--FILE--
<?php
require __DIR__ . '/engine.inc';
[$conn, $realm] = qbo_test_connect(['delivery' => 'worker']);
for ($i = 1; $i <= 12; $i++) {
    qbo_push($conn, 'customer', eng_customer("l$i", 'Limit', "Person$i", "l$i@example.com"));
}
$qbo = fn() => count(array_filter(eng_qbo_all($realm, 'Customer'), fn($c) => str_starts_with($c['DisplayName'], 'Limit ')));
$r = qbo_sync($conn, ['limit' => 5, 'batch_size' => 30]);
echo "limit 5: delivered {$r['delivered']}, remaining {$r['remaining']}, queued ", qbo_status($conn)['queued'], ", in QBO ", $qbo(), "\n";
$r = qbo_sync($conn, ['batch_size' => 30]);
echo "no limit: delivered {$r['delivered']}, remaining {$r['remaining']}, queued ", qbo_status($conn)['queued'], ", in QBO ", $qbo(), "\n";
?>
--EXPECT--
limit 5: delivered 5, remaining 7, queued 7, in QBO 5
no limit: delivered 7, remaining 0, queued 0, in QBO 12
