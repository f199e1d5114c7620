--TEST--
Several hosts on one MariaDB store: three workers presenting different host identities and three pushing processes drain 3,000 records into one company with QBO's limits on (time-scaled): every record exactly once in QBO, no 429; a worker of a fourth host is SIGKILLed mid-wave and its wave is taken over by another host after the lease
--SKIPIF--
<?php require __DIR__ . '/mariadb.inc'; mdb_skip_unless_mariadb(); ?>
--FILE--
<?php
require __DIR__ . '/mariadb.inc';
require __DIR__ . '/batch.inc';
const TOTAL = 3000, FIRST = 300, PUSHERS = 3;
[$conn, $realm, $opts] = qbo_test_connect(['delivery' => 'worker', 'timeout' => 4, 'lease' => 15]);
qbo_test_http('POST', '/_sandbox/limits', ['realm' => $realm, 'time_scale' => 60]);
qbo_test_http('POST', '/_sandbox/latency', ['realm' => $realm, 'fixed_ms' => 60, 'jitter_ms' => 60]);
$sync = ['batch_size' => 30, 'rate_window' => 1.0];
$doc = fn(int $k) => eng_customer("m$k", 'Multi', "Host m$k", "m$k@example.com");
for ($k = 1; $k <= FIRST; $k++) {
    qbo_push($conn, 'customer', $doc($k));
}
$done = qbo_test_tmp($opts['store'], '.done');
@unlink($done);
$deadline = microtime(true) + 150;
$worker = function (string $host) use ($opts, $sync, $done, $deadline) {
    $cmd = array_merge(eng_php_command(), ['-d', "qbosync.host_id=$host", __DIR__ . '/mariadb_worker.inc',
        json_encode(['opts' => $opts, 'sync' => $sync, 'done' => $done, 'deadline' => $deadline], JSON_UNESCAPED_SLASHES)]);
    $p = proc_open($cmd, [0 => ['pipe', 'r'], 1 => ['pipe', 'w'], 2 => ['pipe', 'w']], $pipes, null, getenv());
    fclose($pipes[0]);
    return [$p, $pipes];
};

// the worker of host "victim": QBO commits its first /batch and holds the answer; it is SIGKILLed then
$rule = qbo_test_fault(['kind' => 'hold', 'when' => 'after', 'method' => 'POST', 'realm' => $realm,
    'path' => "/v3/company/$realm/batch", 'delay_ms' => 30000, 'count' => 1]);
$victim = $worker('victim');
for ($i = 0; $i < 300; $i++) {
    $hits = 0;
    foreach (qbo_test_http('GET', '/_sandbox/faults')['json']['faults'] as $f) {
        $hits += $f['id'] === $rule['id'] ? $f['hits'] : 0;
    }
    if ($hits > 0) {
        break;
    }
    usleep(50000);
}
usleep(300000);
posix_kill(proc_get_status($victim[0])['pid'], SIGKILL);
eng_child_wait($victim);
qbo_test_http('DELETE', '/_sandbox/faults/' . $rule['id']);
$left = array_filter(qbo_entities($conn, ['kind' => 'customer']), fn($e) => $e['queued'] && $e['state'] !== 'Synced');
$sending = qbo_test_store_rows($opts['store'], "SELECT owner FROM outbox WHERE status = 'sending'");
echo "killed mid-wave: claims left by the victim host: ",
    var_export(count($sending) > 0 && !array_filter($sending, fn($r) => !str_contains($r['owner'], '@victim~')), true), "\n";

// three hosts' workers and three pushers at once
$workers = [];
foreach (['host-a', 'host-b', 'host-c'] as $h) {
    $workers[$h] = $worker($h);
}
$per = intdiv(TOTAL - FIRST, PUSHERS);
$pushers = [];
for ($p = 0; $p < PUSHERS; $p++) {
    $docs = [];
    for ($k = FIRST + 1 + $p * $per; $k <= FIRST + ($p + 1) * $per; $k++) {
        $docs[] = ['customer', $doc($k)];
    }
    $pushers[] = eng_child_start(['opts' => $opts, 'mode' => 'push', 'docs' => $docs]);
}
$queued = 0;
foreach ($pushers as $c) {
    [$code, $out] = eng_child_wait($c);
    $queued += substr_count($out, '"queued":true');
}
touch($done);
echo "pushed by ", PUSHERS, " processes: ", $queued === TOTAL - FIRST ? 'all queued' : $queued, "\n";
$by = [];
foreach ($workers as $h => $c) {
    [$code, $out, $err] = eng_child_wait($c);
    $r = json_decode(trim($out), true);
    $by[$h] = $r['delivered'] ?? -1;
    if (!$r) {
        echo "worker $h: exit $code $err\n";
    }
}
@unlink($done);
echo "hosts that delivered: ", count(array_filter($by, fn($n) => $n > 0)), "\n";
$s = qbo_status($conn);
echo "store: Synced {$s['counts']['Synced']}, Error {$s['counts']['Error']}, queued {$s['queued']}\n";
$m = bt_markers($realm);
$bad = [];
for ($k = 1; $k <= TOTAL; $k++) {
    if (($m["customer:m$k"] ?? 0) !== 1) {
        $bad[] = "m$k x" . ($m["customer:m$k"] ?? 0);
    }
}
echo "QBO: ", $bad ? implode(', ', array_slice($bad, 0, 10)) : 'every record exactly once', "\n";
$log = eng_requests($realm, '/v3/company/*');
echo "throttled answers: ", count(array_filter($log, fn($q) => $q['status'] === 429)), "\n";
$took = array_filter(qbo_log($conn, ['limit' => 10000]), fn($l) => str_contains($l['message'], 'Taking over the delivery left by')
    && str_contains($l['message'], '@victim~'));
echo "the victim's wave taken over after the lease: ", var_export(count($took) > 0, true), "\n";
?>
--EXPECT--
killed mid-wave: claims left by the victim host: true
pushed by 3 processes: all queued
hosts that delivered: 3
store: Synced 3000, Error 0, queued 0
QBO: every record exactly once
throttled answers: 0
the victim's wave taken over after the lease: true
