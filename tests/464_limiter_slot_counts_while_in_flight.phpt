--TEST--
The limiter counts a /batch's slot for as long as the request is in flight: a /batch that reaches QBO late (held before the gateway counts it, longer than the limit window) still holds its slot, so another process sharing the store sends at most 39 /batch requests in the window it lands in, and QBO's 40 a minute are never passed (no 429); every record exactly once
--FILE--
<?php
require __DIR__ . '/batch.inc';
[$conn, $realm, $opts] = qbo_test_connect(['delivery' => 'worker']);
$scale = 10;
$window = 60 / $scale;   // QBO's minute, time-scaled: 6 s
qbo_test_http('POST', '/_sandbox/limits', ['realm' => $realm, 'time_scale' => $scale]);
foreach (['a1', 'a2'] as $id) {
    qbo_push($conn, 'customer', eng_customer($id, 'Batch', "Client $id", "$id@example.com"));
}
// the first process's one /batch is on its way to QBO for longer than a window
$rule = qbo_test_fault(['kind' => 'hold', 'when' => 'arrive', 'method' => 'POST', 'realm' => $realm,
    'path' => "/v3/company/$realm/batch", 'match' => 'Client a1', 'count' => 1, 'delay_ms' => 120000]);
// (its transfer's timeout above the hold, under valgrind too)
$kid = eng_child_start(['opts' => ['timeout' => 120] + $opts, 'mode' => 'sync', 'sync' => ['batch_size' => 2, 'rate_window' => $window]]);
for ($t = 0; $t < 600; $t++) {
    $f = qbo_test_http('GET', '/_sandbox/faults')['json']['faults'] ?? [];
    if (($f[0]['hits'] ?? 0) >= 1) {
        break;
    }
    usleep(50000);
}
echo "held: ", ($f[0]['hits'] ?? 0) === 1 ? 'yes' : 'no', "\n";
usleep((int)(($window * 61 / 60 + 0.5) * 1e6));   // its slot, as it was taken, has left the window
// meanwhile this process sends 80 customers in 40 waves of 2
for ($k = 1; $k <= 80; $k++) {
    qbo_push($conn, 'customer', eng_customer("b$k", 'Batch', "Client b$k", "b$k@example.com"));
}
$r = qbo_sync($conn, ['batch_size' => 2, 'rate_window' => $window]);
echo "this process: delivered {$r['delivered']}, errors {$r['errors']}\n";
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
foreach (array_merge(['a1', 'a2'], array_map(fn($k) => "b$k", range(1, 80))) as $id) {
    if (($m["customer:$id"] ?? 0) !== 1) {
        $bad[] = "$id x" . ($m["customer:$id"] ?? 0);
    }
}
echo $bad ? implode(', ', $bad) : 'every customer exactly once', "\n";
qbo_test_http('POST', '/_sandbox/limits', ['realm' => $realm, 'reset' => true]);
?>
--EXPECT--
held: yes
this process: delivered 80, errors 0
the other process: delivered 2, errors 0
429 answers: 0
every customer exactly once
