<?php
/*
 * bench/log.php [N]: the log with N rows (default 200,000: exchanges and decisions of
 * 100,000 records, a few faults): the median time of qbo_log() for each filter, the
 * retention's pass over N old rows, and the exchange row's insert. Prints figures.
 *   bench/run log 200000
 */
$n = (int)($argv[1] ?? 200000);
$root = sys_get_temp_dir() . '/qbosync-bench-log-' . getmypid();
mkdir($root);
$store = "$root/store.sqlite";
$opts = ['environment' => getenv('QBO_SANDBOX_URL') ?: 'sandbox', 'client_id' => 'bench-log', 'client_secret' => 'bench-secret',
    'encryption_key' => str_repeat('ab', 32), 'store' => $store, 'delivery' => 'worker'];
$c = qbo_connect($opts);
$db = new PDO("sqlite:$store");
$key = $db->query('SELECT key FROM conn')->fetchColumn();
$now = microtime(true);
$t = microtime(true);
$db->beginTransaction();
$ins = $db->prepare('INSERT INTO log(conn, at, level, kind, local_id, message, method, path, status, code, intuit_tid, ms, records)'
    . ' VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
$kinds = ['customer', 'invoice', 'payment'];
for ($i = 0; $i < $n; $i++) {
    $at = $now - 20 * 86400 + $i * (20 * 86400 / $n);
    $kind = $kinds[$i % 3];
    $id = (string)intdiv($i, 2) % 100000;
    if ($i % 2) {
        $fault = $i % 997 === 1;
        $ins->execute([$key, $at, $fault ? 'error' : 'info', $kind, $id, 'POST /v3/company/1/' . $kind . ': HTTP ' . ($fault ? 400 : 200),
            'POST', "/v3/company/1/$kind?minorversion=75", $fault ? 400 : 200, $fault ? '6240' : null, sprintf('1-%08x-%016x', $i, $i), 120.5, null]);
    } else {
        $ins->execute([$key, $at, 'info', $kind, $id, ucfirst($kind) . " $id: created QBO " . ucfirst($kind) . " $i (version 1)",
            null, null, null, null, null, null, null]);
    }
}
$db->commit();
printf("log: %d rows written in %.1f s\n", $n, microtime(true) - $t);
$tid = sprintf('1-%08x-%016x', intdiv($n, 2) + 1, intdiv($n, 2) + 1);
$cases = [
    'newest 100' => [],
    'newest 100, offset 10,000' => ['offset' => 10000],
    'exchanges only' => ['type' => 'exchange'],
    'decisions only' => ['type' => 'decision'],
    'level error (rare)' => ['level' => 'error'],
    'one record (kind + id)' => ['kind' => 'invoice', 'id' => '4242'],
    'one intuit_tid' => ['intuit_tid' => $tid],
    'QBO code 6240 (rare)' => ['code' => '6240'],
    'since 2 days ago' => ['since' => (int)($now - 2 * 86400)],
    'until 18 days ago' => ['until' => (int)($now - 18 * 86400)],
    'an intuit_tid that is not there' => ['intuit_tid' => 'none'],
];
foreach ($cases as $label => $f) {
    $times = [];
    for ($k = 0; $k < 5; $k++) {
        $t = hrtime(true);
        $rows = qbo_log($c, $f);
        $times[] = (hrtime(true) - $t) / 1e6;
    }
    sort($times);
    printf("qbo_log %-34s %7.2f ms  (%d rows)\n", $label, $times[2], count($rows));
}
// the retention: rows older than 14 days (30 % of them), one qbo_sync() pass
$c2 = qbo_connect(['log_retention' => 14] + $opts);
$before = (int)$db->query('SELECT count(*) FROM log')->fetchColumn();
$t = microtime(true);
qbo_sync($c2, ['limit' => 1]);
$after = (int)$db->query('SELECT count(*) FROM log')->fetchColumn();
printf("retention pass: %d rows removed in %.0f ms (at most 20,000 a pass)\n", $before - $after, (microtime(true) - $t) * 1000);
foreach (glob("$root/*") as $f) {
    unlink($f);
}
rmdir($root);
