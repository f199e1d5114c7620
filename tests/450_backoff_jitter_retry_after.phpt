--TEST--
Back-off of 5xx answers: a record whose writes keep failing with a 500 is retried at once, then after 5 s, 10 s and 20 s (each ±25 % jitter, so records failing together do not retry together); a 503's Retry-After (30 s) is honoured on the first failure and over a shorter back-off; after the faults every record is Synced once in QBO
--FILE--
<?php
require __DIR__ . '/engine.inc';
[$conn, $realm, $opts] = qbo_test_connect(['delivery' => 'worker']);
$store = $opts['store'];
/* the wait a record was given, bounded by the clock around the sync that set it */
function waits(string $store, array $ids, float $t0, float $t1): array
{
    $out = [];
    foreach ($ids as $id) {
        $row = qbo_test_store_rows($store, "SELECT next_try, attempts, status FROM outbox WHERE kind = 'customer' AND local_id = ?", [$id])[0];
        $out[$id] = ['lo' => $row['next_try'] - $t1, 'hi' => $row['next_try'] - $t0, 'attempts' => (int)$row['attempts'], 'status' => $row['status']];
    }
    return $out;
}
function due(string $store): void
{
    qbo_test_store_exec($store, "UPDATE outbox SET next_try = 0 WHERE kind = 'customer' AND status = 'queued'");
}
$ids = [];
for ($k = 1; $k <= 6; $k++) {
    qbo_push($conn, 'customer', eng_customer("j$k", 'Jitter', "Client$k", "j$k@example.com"));
    $ids[] = "j$k";
}
/* every write fails: the wave's /batch, then each record's own create */
$rule = qbo_test_fault(['kind' => '500', 'method' => 'POST', 'realm' => $realm, 'path' => "/v3/company/$realm/*", 'count' => 1000]);
$expect = [1 => [0, 1], 2 => [3.75, 6.25], 3 => [7.5, 12.5], 4 => [15, 25]];
foreach ($expect as $attempt => [$lo, $hi]) {
    $t0 = microtime(true);
    $r = qbo_sync($conn);
    $t1 = microtime(true);
    $w = waits($store, $ids, $t0, $t1);
    $inRange = $distinct = [];
    foreach ($w as $id => $x) {
        $inRange[] = $x['attempts'] === $attempt && $x['status'] === 'queued' && $x['hi'] >= $lo && $x['lo'] <= $hi;
        $distinct[(string)round($x['lo'], 2)] = true;
    }
    printf("attempt %d: delivered %d, every wait in %s..%s s: %s%s\n", $attempt, $r['delivered'], $lo, $hi,
        var_export(!in_array(false, $inRange, true), true),
        $attempt > 1 ? ', waits differ (jitter): ' . var_export(count($distinct) >= 3, true) : '');
    if (in_array(false, $inRange, true)) {
        var_dump($w);
    }
    due($store);
}
qbo_test_http('DELETE', '/_sandbox/faults/' . $rule['id']);
$r = qbo_sync($conn);
echo "after the faults: delivered {$r['delivered']}, remaining {$r['remaining']}\n";

/* a 503 with Retry-After: 30 (the sandbox's), first on the wave's /batch, then on the record's own create */
qbo_push($conn, 'customer', eng_customer('ra', 'Retry', 'After', 'ra@example.com'));
$rule = qbo_test_fault(['kind' => '503', 'method' => 'POST', 'realm' => $realm, 'path' => "/v3/company/$realm/*", 'count' => 2]);
foreach ([1 => 'first failure', 2 => 'second failure (back-off 5 s)'] as $attempt => $what) {
    $t0 = microtime(true);
    qbo_sync($conn);
    $t1 = microtime(true);
    $x = waits($store, ['ra'], $t0, $t1)['ra'];
    printf("503 %s: attempt %d, waits its Retry-After (30 s): %s\n", $what, $x['attempts'],
        var_export($x['hi'] >= 30 && $x['lo'] <= 31, true));
    if (!($x['hi'] >= 30 && $x['lo'] <= 31)) {
        var_dump($x);
    }
    $r = qbo_sync($conn);
    echo "  a sync before then sends nothing: delivered {$r['delivered']}, remaining {$r['remaining']}\n";
    due($store);
}
$r = qbo_sync($conn);
echo "after the pause: delivered {$r['delivered']}, remaining {$r['remaining']}\n";
$once = [];
foreach (array_merge($ids, ['ra']) as $id) {
    $e = qbo_entities($conn, ['kind' => 'customer', 'id' => $id])[0];
    $once[] = $e['state'] === 'Synced' && eng_qbo_count($realm, 'Customer', 'Id', (string)$e['qbo_id']) === 1;
}
$names = [];
foreach (eng_qbo_all($realm, 'Customer') as $c) {
    if (!preg_match('/^(Jitter|Retry) /', $c['DisplayName'])) {
        continue;   /* the company's own */
    }
    $names[$c['DisplayName']] = ($names[$c['DisplayName']] ?? 0) + 1;
}
echo "QBO: ", count($names), " customers, each once: ", var_export(max($names) === 1, true),
    "; store: all Synced with their QBO Id: ", var_export(!in_array(false, $once, true), true), "\n";
?>
--EXPECT--
attempt 1: delivered 0, every wait in 0..1 s: true
attempt 2: delivered 0, every wait in 3.75..6.25 s: true, waits differ (jitter): true
attempt 3: delivered 0, every wait in 7.5..12.5 s: true, waits differ (jitter): true
attempt 4: delivered 0, every wait in 15..25 s: true, waits differ (jitter): true
after the faults: delivered 6, remaining 0
503 first failure: attempt 1, waits its Retry-After (30 s): true
  a sync before then sends nothing: delivered 0, remaining 1
503 second failure (back-off 5 s): attempt 2, waits its Retry-After (30 s): true
  a sync before then sends nothing: delivered 0, remaining 1
after the pause: delivered 1, remaining 0
QBO: 7 customers, each once: true; store: all Synced with their QBO Id: true
