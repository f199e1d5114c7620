--TEST--
Concurrent delivery with QBO's limits on (time-scaled to a 3 s minute): more waves than one window's 40 /batch requests carry: the window's 40 /batch requests, and single requests beside them while a batch slot is further away than they take, sent up to ten at a time, and the sandbox never throttles: the limiter takes a slot before every request
--FILE--
<?php
require __DIR__ . '/batch.inc';
[$conn, $realm, $opts] = qbo_test_connect(['delivery' => 'worker']);
$window = 3.0;
qbo_test_http('POST', '/_sandbox/limits', ['realm' => $realm, 'time_scale' => 60 / $window]);
// 20 ms a request; 80 under valgrind (script/test's valgrind pass sets USE_ZEND_ALLOC=0), where the
// client starts a /batch every 17-20 ms: longer than a request there, so requests would overlap only by chance
qbo_test_http('POST', '/_sandbox/latency', ['realm' => $realm, 'fixed_ms' => getenv('USE_ZEND_ALLOC') === '0' ? 80 : 20, 'jitter_ms' => 0]);
bt_load($conn, 30);
$r = qbo_sync($conn, ['batch_size' => 2, 'rate_window' => $window]);
echo "delivered {$r['delivered']}, errors {$r['errors']}, remaining {$r['remaining']}\n";
$log = eng_requests($realm, '/v3/company/*');
echo "throttled answers: ", count(array_filter($log, fn($q) => $q['status'] === 429)), "\n";
foreach ($log as $q) { if ($q["status"] === 429) { echo "throttled by $q[fault]: $q[path]\n"; } }
$iv = bt_batch_intervals($realm);
echo "/batch requests: ", count($iv) >= 40 ? 'at least 40' : count($iv), "\n";
$singles = count(array_filter($log, fn($q) => $q['method'] === 'POST' && !str_ends_with($q['path'], '/batch')));
echo "writes beyond the window's batch budget as single requests: ", var_export($singles > 0, true), "\n";
$most = 0;
foreach ($iv as [$s]) {
    $most = max($most, count(array_filter($iv, fn($x) => $x[0] >= $s && $x[0] < $s + $window)));
}
echo "most /batch requests starting within one window: ", $most <= 40 ? 'at most 40' : $most, "\n";
echo "in flight together: ", var_export(max(bt_overlap_groups($iv)) >= 2, true), "\n";
echo bt_exactly_once($realm, 30), "\n";
?>
--EXPECT--
delivered 90, errors 0, remaining 0
throttled answers: 0
/batch requests: at least 40
writes beyond the window's batch budget as single requests: true
most /batch requests starting within one window: at most 40
in flight together: true
every record exactly once
