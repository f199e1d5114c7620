--TEST--
The limiter counts a slot for as long as its request is in flight: another process's /batch that reaches QBO late (delayed before QBO's gateway counts it, for longer than the limit window) still holds its slot a window after it was taken, so this process sends at most 39 /batch requests in any window, not 40, and when the late one lands QBO's 40 a minute are not passed (no 429); every record exactly once
--FILE--
<?php
require __DIR__ . '/batch.inc';
// a transfer timeout longer than the test holds the request (under valgrind too)
[$conn, $realm, $opts] = qbo_test_connect(['delivery' => 'worker', 'timeout' => 120]);
$scale = 10;
$window = 60 / $scale;   // QBO's minute, time-scaled: 6 s
qbo_test_http('POST', '/_sandbox/limits', ['realm' => $realm, 'time_scale' => $scale]);
foreach (['p1', 'p2'] as $id) {
    qbo_push($conn, 'customer', eng_customer($id, 'Batch', "Client $id", "$id@example.com"));
}
// the other process's /batch of p1 and p2 is on its way to QBO until the rule is deleted
$rule = qbo_test_fault(['kind' => 'hold', 'when' => 'arrive', 'method' => 'POST', 'realm' => $realm,
    'path' => "/v3/company/$realm/batch", 'match' => 'Client p1', 'count' => 1, 'delay_ms' => 100000]);
$kid = eng_child_start(['opts' => $opts, 'mode' => 'sync', 'sync' => ['batch_size' => 2, 'rate_window' => $window]]);
$hits = 0;
for ($t = 0; $t < 1200 && $hits < 1; $t++) {
    usleep(50000);
    foreach (qbo_test_http('GET', '/_sandbox/faults')['json']['faults'] ?? [] as $f) {
        if ($f['id'] === $rule['id']) {
            $hits = $f['hits'];
        }
    }
}
echo "the other process's /batch is held on its way: ", $hits === 1 ? 'yes' : "no ($hits)", "\n";
// wait until its slot, counted from when it was taken, would have left the limiter's window
usleep((int)(($window * 61 / 60 + 0.5) * 1e6));
$sql = 'SELECT count(*) AS n FROM rate_slot WHERE batch = 1 AND at >= ' . sprintf('%.6F', microtime(true) - $window * 61 / 60);
echo "/batch slots the limiter counts in the window now: ", qbo_test_store_rows($opts['store'], $sql)[0]['n'], "\n";
// meanwhile this process sends 80 customers as 40 /batch requests of 2
for ($k = 1; $k <= 80; $k++) {
    qbo_push($conn, 'customer', eng_customer("q$k", 'Batch', "Client q$k", "q$k@example.com"));
}
$seen = count(eng_requests($realm, '/v3/company/*'));
$r = qbo_sync($conn, ['batch_size' => 2, 'rate_window' => $window]);
echo "this process: delivered {$r['delivered']}, errors {$r['errors']}\n";
$at = array_column(array_filter(array_slice(eng_requests($realm, '/v3/company/*'), $seen),
    fn($q) => str_ends_with($q['path'], '/batch')), 'at');
sort($at);
// the most of them in one window (the sandbox logs a request when it has finished: each one
// a window after the one 39 before it, when the other process's slot counts)
$most = 0;
foreach ($at as $i => $t) {
    $most = max($most, count(array_filter(array_slice($at, $i), fn($u) => $u < $t + $window)));
}
echo "this process's /batch requests in any window: at most 39: ", var_export(count($at) > 0 && $most <= 39, true), "\n";
qbo_test_http('DELETE', '/_sandbox/faults/' . $rule['id']);   // the held /batch reaches QBO now
[$code, $out, $err] = eng_child_wait($kid);
$a = json_decode(trim($out), true);
echo "the other process: delivered ", $a['delivered'] ?? '?', ", errors ", $a['errors'] ?? '?', "\n";
if ($err !== '') {
    echo "child stderr: $err\n";
}
$log = eng_requests($realm, '/v3/company/*');
echo "429 answers: ", count(array_filter($log, fn($q) => $q['status'] === 429)), "\n";
$m = bt_markers($realm);
$bad = [];
foreach (array_merge(['p1', 'p2'], array_map(fn($k) => "q$k", range(1, 80))) as $id) {
    if (($m["customer:$id"] ?? 0) !== 1) {
        $bad[] = "$id x" . ($m["customer:$id"] ?? 0);
    }
}
echo $bad ? implode(', ', $bad) : 'every customer exactly once', "\n";
qbo_test_http('POST', '/_sandbox/limits', ['realm' => $realm, 'reset' => true]);
?>
--EXPECT--
the other process's /batch is held on its way: yes
/batch slots the limiter counts in the window now: 1
this process: delivered 80, errors 0
this process's /batch requests in any window: at most 39: true
the other process: delivered 2, errors 0
429 answers: 0
every customer exactly once
