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

$n = (int)($argv[1] ?? 2000);
$base = rtrim((string)getenv('QBO_SANDBOX_URL'), '/');
if ($base === '') {
    fwrite(STDERR, "QBO_SANDBOX_URL is not set: run bench/run push\n");
    exit(1);
}

function post_json(string $url, array $body): array
{
    $ch = curl_init($url);
    curl_setopt_array($ch, [CURLOPT_POST => true, CURLOPT_RETURNTRANSFER => true,
        CURLOPT_HTTPHEADER => ['Content-Type: application/json'], CURLOPT_POSTFIELDS => json_encode($body)]);
    $raw = curl_exec($ch);
    return json_decode((string)$raw, true) ?? [];
}

function connect(string $base, string $delivery): QboSync\Connection
{
    $realm = (string)post_json("$base/_sandbox/companies", ['name' => "bench $delivery " . bin2hex(random_bytes(3))])['realm'];
    $store = sys_get_temp_dir() . "/qbosync-bench-$delivery-" . getmypid() . '.sqlite';
    register_shutdown_function(fn() => array_map('unlink', glob($store . '*')));
    $conn = qbo_connect(['environment' => $base, 'client_id' => 'qbosync-sandbox-client',
        'client_secret' => 'qbosync-sandbox-secret', 'redirect_uri' => 'http://127.0.0.1/callback',
        'store' => $store, 'encryption_key' => bin2hex(random_bytes(32)), 'delivery' => $delivery]);
    $url = qbo_oauth_url($conn) . '&' . http_build_query(['sandbox_auto' => 'approve', 'realm' => $realm]);
    $ch = curl_init($url);
    curl_setopt_array($ch, [CURLOPT_RETURNTRANSFER => true, CURLOPT_HEADER => true]);
    $raw = (string)curl_exec($ch);
    preg_match('/^Location:\s*(\S+)/mi', $raw, $m);
    parse_str((string)parse_url($m[1], PHP_URL_QUERY), $q);
    qbo_oauth_exchange($conn, $q['code'], $q['state'], $q['realmId']);
    /* Measure qbosync, not QBO's 500 requests/minute: lift this company's limits. */
    post_json("$base/_sandbox/limits", ['realm' => $realm, 'per_minute' => 1000000, 'concurrent' => 1000]);
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
