<?php
/*
 * bench/lib.php — what the delivery benchmarks (bulk, cpu, memory) share: a
 * connected sandbox company, the documents, and the table row every bench prints
 * ("ROW|figure|target|measured|baseline|ratio", gathered by `bench/run table`).
 */

function bl_base(): string
{
    $base = rtrim((string)getenv('QBO_SANDBOX_URL'), '/');
    if ($base === '') {
        fwrite(STDERR, "QBO_SANDBOX_URL is not set: run through bench/run\n");
        exit(1);
    }
    return $base;
}

function bl_post(string $url, array $body): array
{
    $ch = curl_init($url);
    curl_setopt_array($ch, [CURLOPT_POST => true, CURLOPT_RETURNTRANSFER => true,
        CURLOPT_HTTPHEADER => ['Content-Type: application/json'], CURLOPT_POSTFIELDS => json_encode($body)]);
    $raw = curl_exec($ch);
    return json_decode((string)$raw, true) ?? [];
}

/** A fresh sandbox company: its realm. */
function bl_company(string $name): string
{
    return (string)bl_post(bl_base() . '/_sandbox/companies', ['name' => $name . ' ' . bin2hex(random_bytes(3))])['realm'];
}

/** A qbosync connection (worker delivery unless told, its own store) to $realm. */
function bl_connect(string $realm, string $delivery = 'worker'): QboSync\Connection
{
    $base = bl_base();
    $store = sys_get_temp_dir() . '/qbosync-bench-' . getmypid() . '-' . bin2hex(random_bytes(3)) . '.sqlite';
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
    return $conn;
}

/** Limits and latency of a company: 'lifted' (QBO's limits off) or 'real'; latency in ms (time-scaled by the sandbox). */
function bl_shape(string $realm, string $limits, int $fixed_ms, int $jitter_ms, float $scale): void
{
    $base = bl_base();
    if ($limits === 'lifted') {
        bl_post("$base/_sandbox/limits", ['realm' => $realm, 'per_minute' => 100000000, 'concurrent' => 1000,
            'batch_per_minute' => 100000000, 'batch_per_minute_realm' => 100000000, 'time_scale' => $scale]);
    } else {
        bl_post("$base/_sandbox/limits", ['realm' => $realm, 'time_scale' => $scale]);
    }
    if ($fixed_ms + $jitter_ms > 0) {
        bl_post("$base/_sandbox/latency", ['realm' => $realm, 'fixed_ms' => $fixed_ms, 'jitter_ms' => $jitter_ms]);
    }
}

function bl_customer(int $i): array
{
    return ['id' => "c$i", 'first_name' => 'Bench', 'last_name' => "Customer $i", 'email' => "bench$i@example.com"];
}

function bl_invoice(int $i): array
{
    $lines = [];
    foreach (['Hosting', 'Domain', 'Backup'] as $k => $what) {
        $lines[] = ['description' => $what, 'quantity' => '1', 'unit_price' => ['9.99', '12.00', '3.01'][$k], 'amount' => ['9.99', '12.00', '3.01'][$k]];
    }
    return ['id' => "i$i", 'customer' => "c$i", 'number' => "B-$i", 'date' => '2026-11-23', 'status' => 'unpaid',
        'lines' => $lines, 'subtotal' => '25.00', 'tax_total' => '0.00', 'total' => '25.00'];
}

function bl_payment(int $i): array
{
    return ['id' => "p$i", 'customer' => "c$i", 'date' => '2026-11-24', 'amount' => '25.00', 'method' => 'paypal',
        'reference' => "TX-$i", 'applies_to' => [['invoice' => "i$i", 'amount' => '25.00']]];
}

/** Pushes $n customers, $n invoices (3 lines) and $n payments into the outbox. */
function bl_load(QboSync\Connection $conn, int $n): void
{
    for ($i = 0; $i < $n; $i++) {
        qbo_push($conn, 'customer', bl_customer($i));
    }
    for ($i = 0; $i < $n; $i++) {
        qbo_push($conn, 'invoice', bl_invoice($i));
    }
    for ($i = 0; $i < $n; $i++) {
        qbo_push($conn, 'payment', bl_payment($i));
    }
}

/** Drains the outbox with batched delivery: [delivered, errors, seconds, cpu seconds]. */
function bl_drain(QboSync\Connection $conn, int $batch, float $window = 60.0): array
{
    $ru = getrusage();
    $t = hrtime(true);
    $delivered = $errors = $idle = 0;
    for ($pass = 0; $pass < 100000 && $idle < 50; $pass++) {
        $r = qbo_sync($conn, ['batch_size' => $batch, 'rate_window' => $window]);
        $delivered += $r['delivered'];
        $errors += $r['errors'];
        if ($r['remaining'] === 0) {
            break;
        }
        if ($r['delivered'] === 0 && $r['errors'] === 0) {
            $idle++;
            usleep((int)(1e6 * min(1.0, $window / 5)));   // a throttle pause: wait it out
        } else {
            $idle = 0;
        }
    }
    return [$delivered, $errors, (hrtime(true) - $t) / 1e9, bl_cpu_since($ru)];
}

function bl_cpu_since(array $ru): float
{
    $now = getrusage();
    $f = fn($r) => $r['ru_utime.tv_sec'] + $r['ru_utime.tv_usec'] / 1e6 + $r['ru_stime.tv_sec'] + $r['ru_stime.tv_usec'] / 1e6;
    return $f($now) - $f($ru);
}

/** How many records of each marker QBO holds: [local "kind:id" => count]. */
function bl_ledger_once(string $realm, int $n): array
{
    $r = (function (string $url) {
        $ch = curl_init($url);
        curl_setopt($ch, CURLOPT_RETURNTRANSFER, true);
        return json_decode((string)curl_exec($ch), true);
    })(bl_base() . '/_sandbox/ledger/' . $realm);
    $seen = [];
    foreach ($r['entities'] ?? [] as $e) {
        $c = $e['current'];
        $note = ($c['PrivateNote'] ?? '') . ' ' . ($c['Notes'] ?? '');
        if (preg_match('/qbosync:(\w+):(\S+)/', $note, $m)) {
            $seen["$m[1]:$m[2]"] = ($seen["$m[1]:$m[2]"] ?? 0) + 1;
        }
    }
    $missing = $doubled = 0;
    for ($i = 0; $i < $n; $i++) {
        foreach (["customer:c$i", "invoice:i$i", "payment:p$i"] as $k) {
            $missing += isset($seen[$k]) ? 0 : 1;
            $doubled += ($seen[$k] ?? 0) > 1 ? 1 : 0;
        }
    }
    return [$missing, $doubled];
}

function bl_row(string $figure, string $target, string $measured, string $baseline, string $ratio): void
{
    echo "ROW|$figure|$target|$measured|$baseline|$ratio\n";
}
