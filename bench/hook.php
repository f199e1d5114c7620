<?php
/*
 * bench/hook.php — the hook path: what qbo_push('invoice', ...) costs the
 * billing system's request when it only records (delivery "worker" and
 * "deferred": validate, normalise, commit to the outbox; no network).
 *   bench/run hook [N]      N pushes per configuration (default 10000)
 * Each configuration runs in its own PHP process (durability is an INI
 * setting) on a new store file on disk. Prints p50 / p99 / max in
 * microseconds per configuration and the store's WAL size; asserts nothing.
 * With a sandbox (QBO_SANDBOX_URL, as `bench/run table` starts one) also the
 * baseline's hook path: the plain-PHP sync (bench/baseline/) sends the record
 * in the calling request, one request per record; and the table's ROW lines.
 */

$n = (int)($argv[1] ?? 10000);

if (($argv[2] ?? '') === '--child') {
    $delivery = $argv[3];
    $store = tempnam(sys_get_temp_dir(), 'qbosync-bench-hook-');
    unlink($store);
    /* No company is connected: a deferred delivery at request end stops at
     * once, and nothing here waits on the network. */
    $conn = qbo_connect(['environment' => 'http://127.0.0.1:9', 'client_id' => 'bench',
        'client_secret' => 'bench', 'redirect_uri' => 'http://127.0.0.1/cb', 'store' => $store,
        'encryption_key' => bin2hex(random_bytes(32)), 'delivery' => $delivery]);
    $lat = [];
    for ($i = 1; $i <= $n; $i++) {
        $doc = ['id' => "i$i", 'customer' => 'c' . ($i % 200), 'number' => "H-$i", 'date' => '2026-11-23',
            'status' => 'unpaid', 'lines' => [
                ['item' => 'hosting', 'description' => 'Shared hosting', 'quantity' => '1', 'unit_price' => '9.99', 'amount' => '9.99'],
                ['item' => 'domain', 'description' => 'example.com', 'quantity' => '1', 'unit_price' => '12.00', 'amount' => '12.00'],
                ['item' => 'setup', 'description' => 'Setup fee', 'quantity' => '1', 'unit_price' => '5.00', 'amount' => '5.00'],
            ], 'subtotal' => '26.99', 'tax_total' => '0.00', 'total' => '26.99'];
        $t = hrtime(true);
        qbo_push($conn, 'invoice', $doc);
        $lat[] = hrtime(true) - $t;
    }
    sort($lat);
    $pick = fn(float $q) => $lat[min(count($lat) - 1, (int)floor($q * count($lat)))] / 1000;
    $wal = @filesize($store . '-wal') ?: 0;
    echo json_encode(['p50' => $pick(0.50), 'p99' => $pick(0.99), 'max' => end($lat) / 1000,
        'wal_mib' => $wal / 1048576]), "\n";
    unset($conn);
    register_shutdown_function(fn() => array_map('unlink', glob($store . '*')));
    exit(0);
}

$ext = getenv('QBOSYNC_SO') ?: getenv('QBOSYNC_EXTENSION') ?: dirname(__DIR__) . '/modules/qbosync.so';
$res = [];
printf("qbo_push('invoice', 3 lines) on the hook path, %d calls per configuration, store on %s\n", $n, sys_get_temp_dir());
printf("%-10s %-11s %10s %10s %10s %9s   %s\n", 'delivery', 'durability', 'p50 us', 'p99 us', 'max us', 'WAL MiB', 'target');
foreach ([['worker', 'process'], ['deferred', 'process'], ['worker', 'power'], ['deferred', 'power']] as [$d, $dur]) {
    $cmd = [PHP_BINARY, '-n', '-d', 'extension=' . $ext, '-d', 'opcache.enable_cli=1', '-d', "qbosync.durability=$dur",
        __FILE__, (string)$n, '--child', $d];
    $p = proc_open($cmd, [1 => ['pipe', 'w'], 2 => ['pipe', 'w']], $pipes);
    $out = stream_get_contents($pipes[1]);
    $err = stream_get_contents($pipes[2]);
    proc_close($p);
    $r = json_decode(trim($out), true);
    if (!is_array($r)) {
        fwrite(STDERR, "the $d/$dur run failed: $out $err\n");
        continue;
    }
    printf("%-10s %-11s %10.1f %10.1f %10.1f %9.1f   %s\n", $d, $dur, $r['p50'], $r['p99'], $r['max'], $r['wal_mib'],
        $dur === 'process' ? 'p50 <= 50, p99 <= 500' : 'p50 <= 300');
    $res["$d/$dur"] = $r;
}

/* The baseline's hook path: the record goes to QBO in the calling request
 * (the sandbox without added latency, its limits lifted), min(N, 500) calls. */
$base_p50 = null;
if (getenv('QBO_SANDBOX_URL')) {
    require_once __DIR__ . '/lib.php';
    require_once __DIR__ . '/baseline/sync.php';
    $realm = bl_company('bench hook baseline');
    bl_shape($realm, 'lifted', 0, 0, 1);
    $b = new BaselineSync(bl_base(), $realm, baseline_token(bl_base(), $realm));
    $lat = [];
    for ($i = 0; $i < min($n, 500); $i++) {
        $t = hrtime(true);
        $b->customer(bl_customer($i));
        $lat[] = hrtime(true) - $t;
    }
    sort($lat);
    $base_p50 = $lat[intdiv(count($lat), 2)] / 1000;
    printf("baseline (plain PHP, the record sent in the calling request, sandbox without latency): p50 %.1f us, p99 %.1f us over %d calls, %d errors\n",
        $base_p50, $lat[min(count($lat) - 1, (int)floor(0.99 * count($lat)))] / 1000, count($lat), $b->errors);
    foreach ([['worker/process', 'p50 <= 50 us, p99 <= 500 us'], ['deferred/process', 'p50 <= 50 us, p99 <= 500 us'],
                 ['worker/power', 'p50 <= 300 us']] as [$cfg, $target]) {
        if (!isset($res[$cfg])) {
            continue;
        }
        [$d, $dur] = explode('/', $cfg);
        echo 'ROW|hook: qbo_push(invoice), ', $d, ', durability ', $dur, " (N=$n)|$target|",
            sprintf('p50 %.1f / p99 %.0f us', $res[$cfg]['p50'], $res[$cfg]['p99']), '|',
            sprintf('p50 %.0f us', $base_p50), '|', sprintf('%.3f', $res[$cfg]['p50'] / max($base_p50, 1e-9)), "\n";
    }
}
