--TEST--
The per-company cap on requests in flight is shared by every process using the store: three processes draining one company with QBO's concurrency limit on (here 2 in flight) get no 429, overlap their requests up to the cap, and the ledger holds every record exactly once
--FILE--
<?php
require __DIR__ . '/batch.inc';
[$conn, $realm, $opts] = qbo_test_connect(['delivery' => 'worker']);
$cap = 2;
qbo_test_http('POST', '/_sandbox/limits', ['realm' => $realm, 'concurrent' => $cap]);
qbo_test_http('POST', '/_sandbox/latency', ['realm' => $realm, 'fixed_ms' => 60, 'jitter_ms' => 40]);
bt_load($conn, 30);
$kids = [];
foreach ([1, 2, 3] as $n) {
    $kids[] = eng_child_start(['opts' => $opts, 'mode' => 'sync', 'sync' => ['batch_size' => 5, 'max_in_flight' => $cap]]);   // with 10 here: 429s, records left queued
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
$log = eng_requests($realm, '/v3/company/*');
$throttled = array_filter($log, fn($q) => $q['status'] === 429);
echo "429 answers: ", count($throttled), "\n";
// requests in flight together, from the sandbox's log (start = end - duration)
$ev = [];
foreach ($log as $q) {
    $ev[] = [$q['at'] - $q['duration_ms'] / 1000, 1];
    $ev[] = [$q['at'], -1];
}
usort($ev, fn($a, $b) => $a[0] <=> $b[0] ?: $a[1] <=> $b[1]);
$now = $most = 0;
foreach ($ev as [, $d]) {
    $now += $d;
    $most = max($most, $now);
}
echo "most in flight together: ", $most === $cap ? 'the cap' : $most, "\n";
$r = qbo_sync($conn, ['batch_size' => 5]);
echo "delivered by the three: ", $sum + $r['delivered'], " (after them: {$r['delivered']}), remaining {$r['remaining']}, errors {$r['errors']}\n";
echo bt_exactly_once($realm, 30), "\n";
$held = qbo_test_store_rows($opts['store'], "SELECT count(*) AS n FROM flight_slot")[0]['n'];
echo "slots held afterwards: $held\n";
qbo_test_http('POST', '/_sandbox/limits', ['realm' => $realm, 'reset' => true]);
?>
--EXPECT--
429 answers: 0
most in flight together: the cap
delivered by the three: 90 (after them: 0), remaining 0, errors 0
every record exactly once
slots held afterwards: 0
