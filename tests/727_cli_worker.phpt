--TEST--
bin/qbosync worker: drains what is queued, picks up records queued while it runs, stops cleanly on SIGTERM mid-run (exit 0, nothing left half-sent, the lock released) and refuses to start while another live worker holds the lock (exit 5)
--SKIPIF--
<?php if (!function_exists('posix_kill')) die('skip posix needed'); ?>
--FILE--
<?php
require __DIR__ . '/cli.inc';
require __DIR__ . '/engine.inc';
[$conn, $realm, $options] = qbo_test_connect(['delivery' => 'worker']);
$cfg = cli_config($options);
qbo_push($conn, 'customer', eng_customer('w1', 'Cli', 'Worker1', 'w1@example.com'));

$start = function () use ($cfg) {
    $cmd = [PHP_BINARY, '-d', 'extension=' . cli_extension(), __DIR__ . '/../bin/qbosync', '--config', $cfg, 'worker', '--interval', '0.2', '--batch', '1'];
    $p = proc_open($cmd, [1 => ['pipe', 'w'], 2 => ['pipe', 'w']], $pipes);
    return [$p, $pipes];
};
$wait = function (callable $cond, float $max = 15) {
    $t = microtime(true);
    while (!$cond() && microtime(true) - $t < $max) {
        usleep(50000);
    }
    return $cond();
};
$stopped = function (array $w) {
    [$p, $pipes] = $w;
    $out = stream_get_contents($pipes[1]);
    $err = stream_get_contents($pipes[2]);
    fclose($pipes[1]);
    fclose($pipes[2]);
    return [proc_close($p), $out, $err];
};
$synced = fn() => qbo_status($conn)['counts']['Synced'];

$w = $start();
echo "first record delivered: ", var_export($wait(fn() => $synced() === 1), true), "\n";
qbo_push($conn, 'customer', eng_customer('w2', 'Cli', 'Worker2', 'w2@example.com'));
echo "one queued while it runs delivered: ", var_export($wait(fn() => $synced() === 2), true), "\n";
[$rc, , $err] = cli_run($cfg, ['worker']);
echo "a second worker while one runs: rc $rc\n";

// a slow QBO and a long queue: SIGTERM stops it between records
qbo_test_http('POST', '/_sandbox/latency', ['realm' => $realm, 'fixed_ms' => 100]);
for ($k = 3; $k <= 40; $k++) {
    qbo_push($conn, 'customer', eng_customer("w$k", 'Cli', "Worker$k", "w$k@example.com"));
}
$wait(fn() => $synced() >= 4);
$pid = proc_get_status($w[0])['pid'];
$t = microtime(true);
posix_kill($pid, SIGTERM);
[$rc, $out] = $stopped($w);
qbo_test_http('DELETE', '/_sandbox/latency', ['realm' => $realm]);
echo "stopped: rc $rc, within 5 s: ", var_export(microtime(true) - $t < 5, true), "\n";
echo preg_replace('/delivered \d+, errors \d+ in \d+ runs, \d+ queued/', 'delivered N, errors N in N runs, N queued', implode("\n", array_filter(explode("\n", $out), fn($l) => str_starts_with($l, 'worker')))), "\n";
$s = qbo_status($conn);
echo "after: worker ", var_export($s['worker'], true), ", some still queued: ", var_export($s['queued'] > 0, true), "\n";
echo "outbox rows left sending: ", count(qbo_test_store_rows($options['store'], "SELECT 1 FROM outbox WHERE status = 'sending'")), "\n";
[$rc, $out] = cli_run($cfg, ['--json', 'worker', '--once']);
$j = json_decode($out, true);
echo "--once: rc $rc, stopped {$j['stopped']}, queued {$j['queued']}\n";
echo "QBO customers named Cli Worker: ", count(array_filter(eng_qbo_all($realm, 'Customer'), fn($c) => str_starts_with($c['DisplayName'], 'Cli Worker'))), "\n";
?>
--EXPECTF--
first record delivered: true
one queued while it runs delivered: true
a second worker while one runs: rc 5
stopped: rc 0, within 5 s: true
worker %d started
worker stopped: SIGTERM; delivered N, errors N in N runs, N queued
after: worker NULL, some still queued: true
outbox rows left sending: 0
--once: rc 0, stopped done, queued 0
QBO customers named Cli Worker: 40
