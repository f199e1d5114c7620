<?php
/*
 * bench/bulk_qbosync.php — the qbosync half of bench/bulk (the same documents, real limits,
 * 150 ms ± 50 ms latency, time-scaled) without the baseline's long run, and where its requests
 * went: counts by method and path (lookups by entity and field), answers 429, the use of QBO's
 * two budgets (/batch requests of 40 a QBO minute, single requests of 460) and the time with
 * nothing in flight at the sandbox.  bench/run bulk_qbosync [N=300] [TIME_SCALE=60]
 * Prints, never asserts.
 */
require __DIR__ . '/lib.php';
$n = (int)($argv[1] ?? 300);
$scale = (float)($argv[2] ?? 60);
$ceiling = 40 * 30 + (500 - 40);
$realm = bl_company('bench bulk');
$conn = bl_connect($realm);
bl_shape($realm, 'real', 100, 100, $scale);
bl_load($conn, $n);
[$d, $err, $s, $cpu] = bl_drain($conn, 30, 60.0 / $scale);
[$missing, $doubled] = bl_ledger_once($realm, $n);
$qmin = $s * $scale / 60;
$rate = $d / max($qmin, 1e-9);
$log = [];
for ($since = 0;;) {
    $page = json_decode((string)file_get_contents(bl_base() . "/_sandbox/requests?realm=$realm&path=/v3/company/*&limit=5000&since=$since"), true);
    $log = array_merge($log, $page['requests'] ?? []);
    if (count($page['requests'] ?? []) < 5000) break;
    $since = $page['next'];
}
$by = [];
foreach ($log as $q) {
    $p = preg_replace('#^/v3/company/\d+/#', '', $q['path']);
    $k = $q['method'] . ' ' . $p;
    if ($p === 'query') { $qq = is_array($q['query'] ?? null) ? ($q['query']['query'] ?? '') : ''; preg_match('/from (\w+) where (\S+)/', $qq, $m); $k .= ' ' . ($m[1] ?? '') . '.' . ($m[2] ?? ''); }
    $by[$k] = ($by[$k] ?? 0) + 1;
}
ksort($by);
$reqs = count($log);
$nb = $by['POST batch'] ?? 0;
printf("N=%d T=%g: %d delivered, %d errors, %.2f s = %.2f QBO min: %.0f/min = %.1f %%; %d requests (%d batch); missing %d doubled %d; cpu %.1f s\n",
   $n, $scale, $d, $err, $s, $qmin, $rate, 100 * $rate / $ceiling, $reqs, $nb, $missing, $doubled, $cpu);
printf("answered 429: %d\n", count(array_filter($log, fn($q) => $q["status"] === 429)));
printf("budget use: batch %.1f %%, singles %.1f %% (of 40 and 460 a QBO minute)\n", 100 * $nb / (40 * $qmin), 100 * ($reqs - $nb) / (460 * $qmin));
foreach ($by as $k => $v) echo "  $v  $k\n";
// idle: time with nothing in flight at the sandbox, between the first and the last request
// (a log row's `at` is when the sandbox finished the request: it began duration_ms before)
$iv = array_map(fn($q) => [$q['at'] - $q['duration_ms'] / 1000, $q['at']], array_filter($log, fn($q) => !str_contains($q['path'], 'companyinfo')));
usort($iv, fn($a, $b) => $a[0] <=> $b[0]);
$idle = 0; $gaps = 0; $big = 0; $end = $iv[0][1];
foreach ($iv as [$a, $b]) {
    if ($a > $end) { $g = $a - $end; $idle += $g; $gaps++; if ($g > 0.05) $big += $g; }
    $end = max($end, $b);
}
printf("idle at the sandbox: %.1f s of %.1f s in %d gaps (%.1f s in gaps over 50 ms)\n", $idle, $end - $iv[0][0], $gaps, $big);
