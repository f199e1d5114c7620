--TEST--
qbo_history resumes after its process is killed (once from inside a delivery, once by SIGKILL from outside mid-run): the dead worker's lock is taken over, the job goes on from its cursor, and every record is in the sandbox ledger exactly once with the counts complete
--SKIPIF--
<?php if (!function_exists('pcntl_fork') || !function_exists('posix_kill')) die('skip pcntl and posix needed'); ?>
--FILE--
<?php
require __DIR__ . '/engine.inc';
[$conn, $realm, $opts] = qbo_test_connect(['delivery' => 'worker']);
$N = 40;
$docs = [];
for ($k = 1; $k <= $N; $k++) {
    $docs[] = eng_customer("k$k", 'Killed', sprintf('Run%02d', $k), "k$k@example.com");
}
$source = fn(string $kind, int $offset, int $limit) => ['documents' => array_slice($docs, $offset, $limit), 'total' => count($docs)];
qbo_history($conn, ['kinds' => ['customer'], 'page' => 8, 'source' => $source]);
unset($conn);

function child(array $opts, callable $source, ?int $killAt): int
{
    $pid = pcntl_fork();
    if ($pid === 0) {
        $c = qbo_connect($opts);
        qbo_history($c, ['source' => $source]);   // resumes the running job
        $n = 0;
        $progress = function () use (&$n, $killAt, $opts) {
            if ($killAt !== null && ++$n === $killAt) {
                touch(qbo_test_tmp($opts['store'], '.kill-me'));   // the parent kills it here, a page half delivered
                sleep(60);
            }
        };
        for ($i = 0; $i < 100 && qbo_history_status($c)['state'] === 'running'; $i++) {
            qbo_sync($c, ['progress' => $progress]);
        }
        exit(0);
    }
    return $pid;
}

// 1: killed while inside its 13th delivery's progress call (the second page half done)
$pid = child($opts, $source, 13);
$t = microtime(true);
while (!file_exists(qbo_test_tmp($opts['store'], '.kill-me')) && microtime(true) - $t < 60) {
    usleep(10000);
}
posix_kill($pid, SIGKILL);
@unlink(qbo_test_tmp($opts['store'], '.kill-me'));
pcntl_waitpid($pid, $status);
echo "first run killed: ", var_export(pcntl_wifsignaled($status) && pcntl_wtermsig($status) === SIGKILL, true), "\n";
$conn = qbo_connect($opts);
$st = qbo_history_status($conn);
$w = qbo_status($conn)['worker'];
echo "after it: state {$st['state']}, done {$st['done']} < $N: ", var_export($st['done'] < $N, true), ", lock left: ", var_export($w !== null, true),
    ", stale: ", var_export($w['stale'] ?? null, true), "\n";

// 2: killed from outside while it runs (QBO answers slowly, so it dies mid-request or mid-page)
qbo_test_http('POST', '/_sandbox/latency', ['realm' => $realm, 'fixed_ms' => 15, 'jitter_ms' => 10]);
$pid = child($opts, $source, null);
$t = microtime(true);
while (microtime(true) - $t < 10) {
    usleep(20000);
    $d = qbo_history_status($conn)['done'];
    if ($d >= 22) {
        break;
    }
}
posix_kill($pid, SIGKILL);
pcntl_waitpid($pid, $status);
qbo_test_http('DELETE', '/_sandbox/latency', ['realm' => $realm]);
$st = qbo_history_status($conn);
echo "second run killed before the end: ", var_export($st['done'] < $N, true), "\n";

// 3: this process resumes and finishes
$st = qbo_history($conn, ['source' => $source]);
echo "resumed job #{$st['id']} ({$st['state']})\n";
for ($i = 0; $i < 50 && qbo_history_status($conn)['state'] === 'running'; $i++) {
    qbo_sync($conn);
}
$st = qbo_history_status($conn);
echo "state {$st['state']}, done {$st['done']} of {$st['total']}, pending {$st['pending']}\n";
echo "counts: ", json_encode($st['counts']), "\n";
$names = [];
foreach (eng_qbo_all($realm, 'Customer') as $c) {
    if (str_starts_with($c['DisplayName'], 'Killed ')) {
        $names[$c['DisplayName']] = ($names[$c['DisplayName']] ?? 0) + 1;
    }
}
echo "QBO customers: ", count($names), " distinct, each once: ", var_export(count($names) === $N && max($names) === 1, true), "\n";
$s = qbo_status($conn);
echo "store: Synced {$s['counts']['Synced']}, queued {$s['queued']}, worker ", var_export($s['worker'], true), "\n";
echo "takeover logged: ", var_export((bool)array_filter(qbo_log($conn, ['limit' => 500, 'type' => 'decision']), fn($l) => str_contains($l['message'], 'Took over the worker lock')), true), "\n";
?>
--EXPECT--
first run killed: true
after it: state running, done 8 < 40: true, lock left: true, stale: true
second run killed before the end: true
resumed job #1 (running)
state done, done 40 of 40, pending 0
counts: {"created":40,"linked":0,"updated":0,"unchanged":0,"skipped":0,"waiting":0,"errors":0}
QBO customers: 40 distinct, each once: true
store: Synced 40, queued 0, worker NULL
takeover logged: true
