--TEST--
Two processes draining the same store with batched delivery: each record claimed and sent by one of them, all Synced, every record exactly once in QBO
--FILE--
<?php
require __DIR__ . '/batch.inc';
[$conn, $realm, $opts] = qbo_test_connect(['delivery' => 'worker']);
bt_load($conn, 40);
qbo_test_http('POST', '/_sandbox/latency', ['realm' => $realm, 'fixed_ms' => 10, 'jitter_ms' => 20]);
$kids = [];
foreach ([1, 2] as $n) {
    $kids[] = eng_child_start(['opts' => $opts, 'mode' => 'sync', 'sync' => ['batch_size' => 30]]);
}
$sum = 0;
foreach ($kids as $k) {
    [$code, $out, $err] = eng_child_wait($k);
    $sum += json_decode(trim($out), true)['delivered'] ?? 0;
    if ($err !== '') {
        echo "child stderr: $err\n";
    }
}
qbo_test_http('DELETE', '/_sandbox/latency', ['realm' => $realm]);
$r = qbo_sync($conn, ['batch_size' => 30]);
echo "delivered by the two: ", $sum + $r['delivered'], ", remaining {$r['remaining']}, errors {$r['errors']}\n";
echo bt_exactly_once($realm, 40), "\n";
$s = qbo_status($conn);
echo "store: Synced {$s['counts']['Synced']}\n";
?>
--EXPECT--
delivered by the two: 120, remaining 0, errors 0
every record exactly once
store: Synced 120
