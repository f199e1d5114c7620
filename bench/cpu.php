<?php
/*
 * bench/cpu.php — client CPU (user + system) per record while delivering, against the
 * sandbox without added latency and with its limits lifted: qbo_sync with batched
 * delivery, and the plain-PHP baseline, in one run.
 *   bench/run cpu [N=300] [BATCH=30]
 * Only the delivering process is measured (getrusage of this PHP process), not the sandbox.
 */
require __DIR__ . '/lib.php';
require __DIR__ . '/baseline/sync.php';

$n = (int)($argv[1] ?? 300);
$batch = (int)($argv[2] ?? 30);
printf("cpu: %d records (%d customers, invoices, payments), no latency, limits lifted, batch_size %d\n", 3 * $n, $n, $batch);
$realm = bl_company('bench cpu');
$conn = bl_connect($realm);
bl_shape($realm, 'lifted', 0, 0, 1);
bl_load($conn, $n);
[$d, $err, $s, $cpu] = bl_drain($conn, $batch, 0.0);   // limits lifted: no pacing
$per = 1e6 * $cpu / max($d, 1);
printf("qbosync drain: %d delivered in %.2f s, client CPU %.3f s = %.0f us per record\n", $d, $s, $cpu, $per);
$realm2 = bl_company('bench cpu baseline');
bl_shape($realm2, 'lifted', 0, 0, 1);
[$bd, $berr, $bs, $bcpu] = baseline_run($realm2, $n);
$bper = 1e6 * $bcpu / max($bd, 1);
printf("baseline: %d delivered in %.2f s, client CPU %.3f s = %.0f us per record\n", $bd, $bs, $bcpu, $bper);
printf("ratio qbosync / baseline: %.2f\n", $per / max($bper, 1e-9));
bl_row("cpu: client CPU per record (N=$n)", '<= 1/5 of baseline', sprintf('%.0f us', $per), sprintf('%.0f us', $bper), sprintf('%.2f', $per / max($bper, 1e-9)));
