<?php
/*
 * bench/soak.php — many seeds of tests/soak.inc: a random billing history pushed
 * in worker mode and delivered while the sandbox fails some answers, then
 * compared with what the store and QBO hold. Prints each seed's verdict, the
 * trace of a seed that differs, and the totals.
 *   bench/run soak [FIRST_SEED=1] [SEEDS=20] [STEPS=60] [FAULT_PCT=60] [IN_FLIGHT]  (IN_FLIGHT 1: one request at a time)
 */
require __DIR__ . '/../tests/soak.inc';

$first = (int)($argv[1] ?? 1);
$seeds = (int)($argv[2] ?? 20);
$steps = (int)($argv[3] ?? 60);
$pct = (int)($argv[4] ?? 60);
$in_flight = isset($argv[5]) ? (int)$argv[5] : null;
$failed = 0;
$t0 = hrtime(true);
for ($seed = $first; $seed < $first + $seeds; $seed++) {
    $t = hrtime(true);
    [$conn, $realm, $opts, $m, $trace] = soak_run($seed, $steps, $pct, $in_flight);
    $bad = soak_check($conn, $realm, $m);
    printf("seed %d: %d customers, %d invoices, %d payments, %d refunds: %s (%.1f s)\n", $seed, count($m['customers']),
        count($m['invoices']), count($m['payments']), count($m['refunds']), $bad ? count($bad) . ' differences' : 'match',
        (hrtime(true) - $t) / 1e9);
    if ($bad) {
        $failed++;
        echo '  ', implode("\n  ", $bad), "\n  trace:\n    ", implode("\n    ", $trace), "\n";
    }
    unset($conn);
}
printf("soak: %d seeds of %d steps, fault rate %d %%: %d match, %d differ (%.1f s)\n", $seeds, $steps, $pct,
    $seeds - $failed, $failed, (hrtime(true) - $t0) / 1e9);
