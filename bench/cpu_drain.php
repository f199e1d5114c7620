<?php
/*
 * bench/cpu_drain.php — the qbosync half of bench/cpu alone, for profiling the drain:
 * loads N customers, invoices and payments, then drains them with qbo_sync and prints the
 * client CPU split into user and system time (with page faults and context switches), then
 * checks the ledger (every record exactly once). Instructions inside qbo_sync:
 *   bench/run cpu_drain [N=100] [BATCH=30]
 *   QBOSYNC_CALLGRIND=zif_qbo_sync bench/run cpu_drain 100   (callgrind.out.cpu_drain)
 */
require __DIR__ . '/lib.php';

$n = (int)($argv[1] ?? 100);
$batch = (int)($argv[2] ?? 30);
$realm = bl_company('bench cpu drain');
$conn = bl_connect($realm);
bl_shape($realm, 'lifted', 0, 0, 1);
bl_load($conn, $n);
$ru0 = getrusage();
[$d, $err, $s, $cpu] = bl_drain($conn, $batch, 0.0);
$ru = getrusage();
$us = fn($r, $k) => $r["ru_$k.tv_sec"] * 1e6 + $r["ru_$k.tv_usec"];
$per = fn($k) => ($us($ru, $k) - $us($ru0, $k)) / max($d, 1);
printf("cpu_drain: %d records delivered, %d errors in %.2f s: user %.0f us + system %.0f us = %.0f us per record"
    . " (%.1f page faults, %.1f context switches per record)\n",
    $d, $err, $s, $per('utime'), $per('stime'), 1e6 * $cpu / max($d, 1), ($ru['ru_minflt'] - $ru0['ru_minflt']) / max($d, 1),
    ($ru['ru_nvcsw'] + $ru['ru_nivcsw'] - $ru0['ru_nvcsw'] - $ru0['ru_nivcsw']) / max($d, 1));
[$missing, $doubled] = bl_ledger_once($realm, $n);
printf("ledger: %d missing, %d doubled\n", $missing, $doubled);
