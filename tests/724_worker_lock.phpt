--TEST--
The worker lock: qbo_status() shows its holder; a live holder elsewhere keeps qbo_sync() to draining (no history step), a silent one is taken over; qbo_cancel() stops a running worker at its next step; qbo_unlock() frees it; qbo_history_cancel() ends a job
--SKIPIF--
<?php if (!function_exists('pcntl_fork')) die('skip pcntl needed'); ?>
--FILE--
<?php
require __DIR__ . '/engine.inc';
[$conn, $realm, $opts] = qbo_test_connect(['delivery' => 'worker']);
$store = $opts['store'];
$key = qbo_test_store_rows($store, 'SELECT key FROM conn')[0]['key'];
$lock = function (string $owner, float $beat) use ($store, $key) {
    qbo_test_store_exec($store, 'DELETE FROM worker_lock WHERE conn = ?', [$key]);
    qbo_test_store_exec($store, 'INSERT INTO worker_lock(conn, owner, host, pid, since, heartbeat, cancel) VALUES(?, ?, ?, 4242, ?, ?, 0)',
        [$key, $owner, 'elsewhere', $beat - 5, $beat]);
};
echo "worker: ", var_export(qbo_status($conn)['worker'], true), "\n";
$docs = [eng_customer('l1', 'Lock', 'One', 'l1@example.com'), eng_customer('l2', 'Lock', 'Two', 'l2@example.com')];
qbo_history($conn, ['kinds' => ['customer'], 'source' => fn($k, $o, $l) => array_slice($docs, $o, $l)]);

// a live worker on another host holds the lock: this sync only drains the outbox
$lock('77@elsewhere#abc', microtime(true));
qbo_push($conn, 'customer', eng_customer('q1', 'Queued', 'One', 'q1@example.com'));
$r = qbo_sync($conn);
$w = qbo_status($conn)['worker'];
echo "held elsewhere: delivered {$r['delivered']}, history step: ", var_export(isset($r['history']), true), ", job done ", qbo_history_status($conn)['done'],
    ", holder {$w['owner']} on {$w['host']} pid {$w['pid']}, stale ", var_export($w['stale'], true), "\n";
echo "cancel asked: ", var_export(qbo_cancel($conn), true), ", flag: ", var_export(qbo_status($conn)['worker']['cancel'], true), "\n";
echo "unlock: ", var_export(qbo_unlock($conn), true), ", again: ", var_export(qbo_unlock($conn), true), ", cancel with none: ",
    var_export(qbo_cancel($conn), true), ", worker: ", var_export(qbo_status($conn)['worker'], true), "\n";

// a holder silent for ten minutes is taken over
$lock('78@elsewhere#def', microtime(true) - 600);
echo "silent holder stale: ", var_export(qbo_status($conn)['worker']['stale'], true), "\n";
$r = qbo_sync($conn);
echo "taken over: history step ", var_export(isset($r['history']), true), ", job {$r['history']['state']} {$r['history']['done']}/{$r['history']['total']}, worker after: ",
    var_export(qbo_status($conn)['worker'], true), "\n";
echo "logged: ", implode(' | ', array_map(fn($l) => $l['message'], array_filter(qbo_log($conn, ['type' => 'decision']), fn($l) => str_contains(strtolower($l['message']), 'worker')))), "\n";

// a long run is cancelled from another process
for ($k = 1; $k <= 30; $k++) {
    qbo_push($conn, 'customer', eng_customer("s$k", 'Slow', "Run$k", "s$k@example.com"));
}
qbo_test_http('POST', '/_sandbox/latency', ['realm' => $realm, 'fixed_ms' => 150]);
$out = qbo_test_tmp($opts['store'], '.out');
$pid = pcntl_fork();
if ($pid === 0) {
    $r = qbo_sync(qbo_connect($opts), ['batch_size' => 1]);   // one record a request: a run long enough to cancel
    file_put_contents($out, json_encode($r));
    exit(0);
}
$t = microtime(true);
while (qbo_status($conn)['worker'] === null && microtime(true) - $t < 10) {
    usleep(10000);
}
usleep(400000);
echo "running worker is the child: ", var_export(qbo_status($conn)['worker']['pid'] === $pid, true), ", cancel: ", var_export(qbo_cancel($conn), true), "\n";
pcntl_waitpid($pid, $status);
qbo_test_http('DELETE', '/_sandbox/latency', ['realm' => $realm]);
$r = json_decode(file_get_contents($out), true);
@unlink($out);
echo "child stopped: cancelled ", var_export($r['cancelled'] ?? false, true), ", some left: ", var_export($r['remaining'] > 0 && $r['delivered'] < 30, true),
    ", worker after: ", var_export(qbo_status($conn)['worker'], true), "\n";
$r = qbo_sync($conn);
echo "the next sync finishes: remaining {$r['remaining']}, cancelled ", var_export($r['cancelled'] ?? false, true), "\n";

// a job cancelled stays cancelled; a new qbo_history() starts the next one
$more = array_map(fn($k) => eng_customer("m$k", 'More', "M$k", "m$k@example.com"), range(1, 6));
$st = qbo_history($conn, ['kinds' => ['customer'], 'page' => 2, 'source' => fn($k, $o, $l) => array_slice($more, $o, $l)]);
qbo_sync($conn);
echo "job #{$st['id']} cancel: ", var_export(qbo_history_cancel($conn), true), ", again: ", var_export(qbo_history_cancel($conn), true), "\n";
$r = qbo_sync($conn);
$st = qbo_history_status($conn);
echo "after cancel: {$st['state']}, done {$st['done']}, step: ", var_export(isset($r['history']), true), ", {$st['message']}\n";
echo "next job: #", qbo_history($conn, ['source' => fn() => []])['id'], "\n";
?>
--EXPECT--
worker: NULL
held elsewhere: delivered 1, history step: false, job done 0, holder 77@elsewhere#abc on elsewhere pid 4242, stale false
cancel asked: true, flag: true
unlock: true, again: false, cancel with none: false, worker: NULL
silent holder stale: true
taken over: history step true, job done 2/2, worker after: NULL
logged: Took over the worker lock left by 78@elsewhere#def (its process is gone or silent) | Worker lock of 77@elsewhere#abc released on request (qbo_unlock) | The worker 77@elsewhere#abc is asked to stop at its next step (qbo_cancel)
running worker is the child: true, cancel: true
child stopped: cancelled true, some left: true, worker after: NULL
the next sync finishes: remaining 0, cancelled false
job #2 cancel: true, again: false
after cancel: cancelled, done 2, step: false, Cancelled; the records already queued are still delivered by qbo_sync()
next job: #3
