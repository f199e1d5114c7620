--TEST--
MariaDB claims: three workers presenting different host identities claim disjoint waves of one company at the same time (FOR UPDATE SKIP LOCKED, no company-wide lock); a record another transaction holds is skipped, never waited for, and delivered once it is free; every record exactly once
--SKIPIF--
<?php require __DIR__ . '/mariadb.inc'; mdb_skip_unless_mariadb(); ?>
--FILE--
<?php
require __DIR__ . '/mariadb.inc';
require __DIR__ . '/batch.inc';
require __DIR__ . '/lease.inc';
const N = 600;
[$conn, $realm, $opts] = qbo_test_connect(['delivery' => 'worker', 'timeout' => 4, 'lease' => 15]);
qbo_test_http('POST', '/_sandbox/limits', ['realm' => $realm, 'time_scale' => 60]);
qbo_test_http('POST', '/_sandbox/latency', ['realm' => $realm, 'fixed_ms' => 80, 'jitter_ms' => 40]);
for ($k = 1; $k <= N; $k++) {
    qbo_push($conn, 'customer', eng_customer("s$k", 'Skip', "Locked s$k", "s$k@example.com"));
}

// another transaction holds customer s7's rows (as a claim of another host would, for as long as it likes)
$key = qbo_test_store_rows($opts['store'], 'SELECT key FROM conn')[0]['key'];
$sql = "SELECT local_id FROM entity WHERE conn = ? AND kind = 'customer' AND local_id = 's7' FOR UPDATE";
$db = qbo_test_store_db($opts['store'], $sql);
$db->exec('SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED');   // as the store's own sessions
$db->beginTransaction();
$held = $db->prepare($sql);
$held->execute([$key]);
$n = count($held->fetchAll());
$sql = "SELECT local_id FROM outbox WHERE conn = ? AND kind = 'customer' AND local_id = 's7' FOR UPDATE";
qbo_test_store_db($opts['store'], $sql);   // the table name rewritten; the same handle holds both
$held = $db->prepare($sql);
$held->execute([$key]);
echo "held: ", $n + count($held->fetchAll()), " rows of one record\n";

$done = qbo_test_tmp($opts['store'], '.done');
touch($done);
$job = ['opts' => $opts, 'sync' => ['batch_size' => 10, 'rate_window' => 1.0], 'done' => $done, 'deadline' => microtime(true) + 120];
$workers = [];
foreach (['host-a', 'host-b', 'host-c'] as $h) {
    $workers[$h] = lease_worker($h, $job);
}
// who holds claims at each moment, until every record but the held one is synced
$together = 0;
$seen = [];
for ($t = microtime(true); microtime(true) - $t < 100;) {
    $by = lease_sending($opts['store']);
    $together = max($together, count($by));
    $seen += array_fill_keys(array_keys($by), true);
    if ((qbo_status($conn)['counts']['Synced'] ?? 0) >= N - 1) {
        break;
    }
    usleep(20000);
}
$s7 = qbo_test_store_rows($opts['store'], "SELECT status, owner FROM outbox WHERE kind = 'customer' AND local_id = 's7'");
echo "while held: the others synced ", qbo_status($conn)['counts']['Synced'] ?? 0, ", s7 ",
    $s7 ? $s7[0]['status'] . ($s7[0]['owner'] ? ' by ' . $s7[0]['owner'] : '') : 'gone', "\n";
$db->commit();   // released: a worker claims it now
$by = [];
foreach ($workers as $h => $c) {
    [$code, $out, $err] = eng_child_wait($c);
    $r = json_decode(trim($out), true);
    $by[$h] = $r;
    if (!$r) {
        echo "worker $h: exit $code $err\n";
    }
}
@unlink($done);
echo "hosts holding claims at the same moment: ", $together >= 2 ? 'several' : $together, "\n";
echo "hosts that claimed: ", count($seen), ", that delivered: ", count(array_filter($by, fn($r) => ($r['delivered'] ?? 0) > 0)), "\n";
echo "records in Error by the workers: ", array_sum(array_map(fn($r) => $r['errors'] ?? 1, $by)), "\n";
$st = qbo_status($conn);
echo "store: Synced {$st['counts']['Synced']}, queued {$st['queued']}\n";
echo "QBO: ", lease_customers_once($realm, 's', N), "\n";
echo "throttled answers: ", count(array_filter(eng_requests($realm, '/v3/company/*'), fn($q) => $q['status'] === 429)), "\n";

?>
--EXPECT--
held: 2 rows of one record
while held: the others synced 599, s7 queued
hosts holding claims at the same moment: several
hosts that claimed: 3, that delivered: 3
records in Error by the workers: 0
store: Synced 600, queued 0
QBO: every record exactly once
throttled answers: 0
