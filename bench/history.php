<?php
/*
 * bench/history.php — the history push: N customers and N invoices (3 lines) from a
 * source callable, pushed by qbo_history + qbo_sync steps (a page per step), one record
 * per request and batched; and the dry run of the same records. The sandbox's QBO limits
 * are lifted and it adds no latency, so the figures are the engine's own pace per step.
 *   bench/run history [N=300] [PAGE=50] [BATCH=30]
 * Prints, never asserts.
 */
require __DIR__ . '/lib.php';

$n = (int)($argv[1] ?? 300);
$page = (int)($argv[2] ?? 50);
$batch = (int)($argv[3] ?? 30);
$docs = ['customer' => [], 'invoice' => []];
for ($i = 1; $i <= $n; $i++) {
    $docs['customer'][] = bl_customer($i);
    $docs['invoice'][] = bl_invoice($i);
}
$source = fn(string $kind, int $offset, int $limit) => ['documents' => array_slice($docs[$kind] ?? [], $offset, $limit),
    'total' => count($docs[$kind] ?? [])];
printf("history: %d customers + %d invoices = %d records from a source, page %d; sandbox limits lifted, no latency\n", $n, $n, 2 * $n, $page);

foreach ([['dry run', true, 1], ['one record per request', false, 1], ["batch_size $batch", false, $batch]] as [$label, $dry, $b]) {
    $realm = bl_company('bench history');
    bl_shape($realm, 'lifted', 0, 0, 1);
    $conn = bl_connect($realm);
    $t = microtime(true);
    qbo_history($conn, ['kinds' => ['customer', 'invoice'], 'dry_run' => $dry, 'page' => $page, 'source' => $source]);
    $steps = 0;
    $opts = $b > 1 ? ['batch_size' => $b] : [];
    while (qbo_history_status($conn)['state'] === 'running' && $steps < 100000) {
        qbo_sync($conn, $opts);
        $steps++;
    }
    $s = microtime(true) - $t;
    $st = qbo_history_status($conn);
    printf("%-24s %s: %d of %d in %.2f s, %d steps: %.0f records/s (its own rate figure: %.1f/s); created %d, errors %d\n",
        $label, $st['state'], $st['done'], $st['total'], $s, $steps, $st['done'] / max($s, 1e-9), $st['rate'], $st['counts']['created'], $st['counts']['errors']);
}
