--TEST--
The per-company limiter in the store is shared by every process: with another process's 40 batch requests in the current window, the writes go as single requests (no /batch until the window passes); with 500 requests in it, everything waits; nothing is throttled
--FILE--
<?php
require __DIR__ . '/batch.inc';
[$conn, $realm, $opts] = qbo_test_connect(['delivery' => 'worker']);
$window = 1.5;
$sql = ['key' => 'SELECT key FROM conn', 'ins' => 'INSERT INTO rate_slot(conn, at, batch) VALUES(?, ?, ?)',
    'count' => 'SELECT count(*) FROM rate_slot WHERE batch = 0 OR at > ?'];
foreach ($sql as &$s) {
    $db = qbo_test_store_db($opts['store'], $s);   // either backend: the SQL as that store spells it
}
unset($s);
$key = $db->query($sql['key'])->fetchColumn();
// another process used this window's 40 batch requests
$t0 = microtime(true);
$ins = $db->prepare($sql['ins']);
for ($i = 0; $i < 40; $i++) {
    $ins->execute([$key, $t0, 1]);
}
bt_load($conn, 3);
$r = qbo_sync($conn, ['batch_size' => 30, 'rate_window' => $window]);
echo "sync: delivered {$r['delivered']}, remaining {$r['remaining']}\n";
$log = eng_requests($realm, '/v3/company/*');
$firstBatch = null;
$singleBefore = 0;
foreach ($log as $q) {
    if (str_ends_with($q['path'], '/batch')) {
        $firstBatch ??= $q['at'];
    } elseif ($firstBatch === null) {
        $singleBefore++;
    }
}
echo "single requests before the first batch: ", $singleBefore > 0 ? 'yes' : 'none', "\n";
echo "no /batch request before the other process's window passed: ", var_export($firstBatch === null || $firstBatch >= $t0 + $window - 0.05, true), "\n";
$creates = count(array_filter($log, fn($q) => $q['method'] === 'POST' && !str_ends_with($q['path'], '/batch') && ($firstBatch === null || $q['at'] < $firstBatch)));
echo "creates sent as single requests meanwhile: ", var_export($creates > 0, true), "\n";
echo "throttled answers: ", count(array_filter($log, fn($q) => $q['status'] === 429)), "\n";
echo "the store counts this run's requests: ", var_export((function () use ($db, $sql, $t0) { $q = $db->prepare($sql['count']); $q->execute([$t0]); return (int)$q->fetchColumn(); })() > 0, true), "\n";
// 500 requests in the window: everything waits for it
$t1 = microtime(true);
$db->beginTransaction();
for ($i = 0; $i < 500; $i++) {
    $ins->execute([$key, $t1, 0]);
}
$db->commit();
$seen = count($log);
bt_load($conn, 2, 'x');
$r = qbo_sync($conn, ['batch_size' => 30, 'rate_window' => $window]);
$after = array_slice(eng_requests($realm, '/v3/company/*'), $seen);
echo "second sync: delivered {$r['delivered']}, every request after the window: ",
    var_export(count($after) > 0 && min(array_column($after, 'at')) >= $t1 + $window - 0.05, true), "\n";
echo bt_exactly_once($realm, 3), ", ", bt_exactly_once($realm, 2, 'x'), "\n";
?>
--EXPECT--
sync: delivered 9, remaining 0
single requests before the first batch: yes
no /batch request before the other process's window passed: true
creates sent as single requests meanwhile: true
throttled answers: 0
the store counts this run's requests: true
second sync: delivered 6, every request after the window: true
every record exactly once, every record exactly once
