<?php
/*
 * bench/push.php — what the hook path costs, and how fast the outbox drains.
 * Run through bench/run (which builds, starts the sandbox, and loads the extension):
 *   bench/run push [N]
 * Prints, never asserts:
 *   1. qbo_push latency with delivery "worker" (validate + commit to the outbox only):
 *      p50 / p99 / max in microseconds over N customers and N invoices;
 *   2. inline delivery against the local sandbox: records per second end to end;
 *   3. qbo_sync draining the worker-mode outbox: records per second.
 * The sandbox company's QBO limits (500 requests/minute) are lifted so that the
 * figures are qbosync's own; with them on, QBO's limit is the ceiling.
 */

require __DIR__ . '/lib.php';

$n = (int)($argv[1] ?? 2000);
$base = bl_base();

function connect(string $base, string $delivery): QboSync\Connection
{
    $realm = bl_company("bench $delivery");
    $conn = bl_connect($realm, $delivery);
    /* Measure qbosync, not QBO's 500 requests/minute: lift this company's limits. */
    bl_post("$base/_sandbox/limits", ['realm' => $realm, 'per_minute' => 1000000, 'concurrent' => 1000]);
    return $conn;
}

function customer(int $i): array
{
    return ['id' => "c$i", 'first_name' => 'Bench', 'last_name' => "Customer $i", 'email' => "bench$i@example.com"];
}

function invoice(int $i): array
{
    return ['id' => "i$i", 'customer' => "c$i", 'number' => "B-$i", 'date' => '2026-11-23', 'status' => 'unpaid',
        'lines' => [['description' => 'Hosting', 'quantity' => '1', 'unit_price' => '9.99', 'amount' => '9.99']],
        'subtotal' => '9.99', 'tax_total' => '0.00', 'total' => '9.99'];
}

function pct(array $xs, float $p): float
{
    sort($xs);
    return $xs[min(count($xs) - 1, (int)floor($p * count($xs)))];
}

/* 1. The hook path: record only. */
$conn = connect($base, 'worker');
$lat = [];
for ($i = 0; $i < $n; $i++) {
    $t = hrtime(true);
    qbo_push($conn, 'customer', customer($i));
    $lat[] = (hrtime(true) - $t) / 1e3;
    $t = hrtime(true);
    qbo_push($conn, 'invoice', invoice($i));
    $lat[] = (hrtime(true) - $t) / 1e3;
}
printf("qbo_push (worker mode, record only): %d pushes, p50 %.1f us, p99 %.1f us, max %.1f us\n",
    count($lat), pct($lat, 0.5), pct($lat, 0.99), max($lat));

/* 3. Draining that outbox. */
$t = hrtime(true);
$r = qbo_sync($conn);
$s = (hrtime(true) - $t) / 1e9;
printf("qbo_sync drain: %d delivered in %.2f s = %.0f records/s (errors %d, remaining %d)\n",
    $r['delivered'], $s, $r['delivered'] / max($s, 1e-9), $r['errors'] ?? 0, $r['remaining'] ?? 0);

/* 2. Inline delivery. */
$conn = connect($base, 'inline');
$m = min($n, 300);
$t = hrtime(true);
for ($i = 0; $i < $m; $i++) {
    qbo_push($conn, 'customer', customer($i));
    qbo_push($conn, 'invoice', invoice($i));
}
$s = (hrtime(true) - $t) / 1e9;
printf("qbo_push (inline delivery): %d records in %.2f s = %.0f records/s, %.2f ms each\n",
    2 * $m, $s, 2 * $m / $s, 1000 * $s / (2 * $m));
