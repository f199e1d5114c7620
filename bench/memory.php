<?php
/*
 * bench/memory.php — peak RSS of the delivering process (it pushes N customers, N
 * invoices and N payments in worker mode, then drains them with qbo_sync) at two
 * sizes, each in a fresh child process; the growth between them.
 *   bench/run memory [SMALL=1000] [LARGE=5000] [BATCH=30]   (the issue's sizes: 1000 100000)
 * Records here are documents; each size N means N of each kind.
 */
require __DIR__ . '/lib.php';

if (($argv[1] ?? '') === '--child') {
    $n = (int)$argv[2];
    $realm = bl_company('bench memory');
    $conn = bl_connect($realm);
    bl_shape($realm, 'lifted', 0, 0, 1);
    bl_load($conn, $n);
    [$d, $err] = bl_drain($conn, (int)$argv[3], 0.0);   // limits lifted: no pacing
    preg_match('/VmHWM:\s+(\d+) kB/', (string)file_get_contents('/proc/self/status'), $m);
    echo json_encode(['delivered' => $d, 'errors' => $err, 'hwm_kb' => (int)$m[1]]), "\n";
    exit(0);
}
$small = (int)($argv[1] ?? 1000);
$large = (int)($argv[2] ?? 5000);
$batch = (int)($argv[3] ?? 30);
$ext = (string)getenv('QBOSYNC_EXTENSION');
$res = [];
foreach ([$small, $large] as $n) {
    $cmd = [PHP_BINARY, '-d', 'extension=' . $ext, __FILE__, '--child', (string)$n, (string)$batch];
    $p = proc_open($cmd, [1 => ['pipe', 'w'], 2 => ['pipe', 'w']], $pipes);
    $out = stream_get_contents($pipes[1]);
    $err = stream_get_contents($pipes[2]);
    proc_close($p);
    $res[$n] = json_decode(trim($out), true);
    if (!$res[$n]) {
        fwrite(STDERR, "memory child for $n failed: $err\n");
        exit(1);
    }
    printf("N=%d (x3 records): %d delivered, %d errors, peak RSS %.1f MiB\n", $n, $res[$n]['delivered'], $res[$n]['errors'], $res[$n]['hwm_kb'] / 1024);
}
$growth = ($res[$large]['hwm_kb'] - $res[$small]['hwm_kb']) / 1024;
printf("growth from %d to %d: %.1f MiB\n", $small, $large, $growth);
bl_row("memory: peak RSS growth, N=$small to N=$large", '<= 32 MiB (1,000 to 100,000)', sprintf('%.1f MiB', $growth), '', '');
