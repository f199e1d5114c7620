--TEST--
Both of QBO's budgets used, the limiter never exceeded (limits on, a 3 s minute): another process used 410 requests and 20 /batch requests of the window, so this run sends at most 20 /batch and 70 requests in all until the window passes, the waves beyond the batch budget go as single requests, and the sandbox never throttles
--FILE--
<?php
require __DIR__ . '/batch.inc';
[$conn, $realm, $opts] = qbo_test_connect(['delivery' => 'worker']);
$window = 3.0;
qbo_test_http('POST', '/_sandbox/limits', ['realm' => $realm, 'time_scale' => 60 / $window]);
qbo_test_http('POST', '/_sandbox/latency', ['realm' => $realm, 'fixed_ms' => 20, 'jitter_ms' => 0]);
bt_load($conn, 25);
$sql = 'SELECT key FROM conn';
$db = qbo_test_store_db($opts['store'], $sql);
$key = $db->query($sql)->fetchColumn();
$sql = 'INSERT INTO rate_slot(conn, at, batch) VALUES(?, ?, ?)';
$db = qbo_test_store_db($opts['store'], $sql);
$ins = $db->prepare($sql);
$t0 = microtime(true);
$db->beginTransaction();
for ($i = 0; $i < 430; $i++) {
    $ins->execute([$key, $t0, $i < 20 ? 1 : 0]);
}
$db->commit();
$r = qbo_sync($conn, ['batch_size' => 2, 'rate_window' => $window]);
echo "delivered {$r['delivered']}, errors {$r['errors']}, remaining {$r['remaining']}\n";
$log = eng_requests($realm, '/v3/company/*');
echo "throttled answers: ", count(array_filter($log, fn($q) => $q['status'] === 429)), "\n";
$early = array_filter($log, fn($q) => $q['at'] < $t0 + $window);
$earlyBatch = array_filter($early, fn($q) => str_ends_with($q['path'], '/batch'));
echo "ended within the other process's window: requests ", count($early) <= 70 ? 'at most 70' : count($early),
    ", /batch ", count($earlyBatch) <= 20 ? 'at most 20' : count($earlyBatch), "\n";
$singles = array_filter($log, fn($q) => $q['method'] === 'POST' && !str_ends_with($q['path'], '/batch') && !str_ends_with($q['path'], '/query'));
echo "single writes beside the batches: ", var_export(count($singles) > 0, true), ", /batch requests: ",
    var_export(count(bt_batch_intervals($realm)) > 0, true), "\n";
echo bt_exactly_once($realm, 25), "\n";
$rows = qbo_test_store_rows($opts['store'], "SELECT state, count(*) AS n FROM entity GROUP BY state");
echo implode(', ', array_map(fn($x) => "$x[state] $x[n]", $rows)), "\n";
?>
--EXPECT--
delivered 75, errors 0, remaining 0
throttled answers: 0
ended within the other process's window: requests at most 70, /batch at most 20
single writes beside the batches: true, /batch requests: true
every record exactly once
Synced 75
