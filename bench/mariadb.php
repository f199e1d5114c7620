<?php
/*
 * bench/mariadb.php — the store on MariaDB beside SQLite:
 *   1. the hook path: qbo_push('invoice', 3 lines) in worker mode, p50/p99 in
 *      microseconds, on a SQLite file and on the private MariaDB server;
 *   2. the bulk rate: N customers + invoices + payments drained by 1, 2 and 4
 *      worker processes sharing one MariaDB store (QBO's limits lifted, a
 *      time-scaled latency), records per second, with the syncs that failed
 *      (a worker notes the exception and syncs again, as a daemon does) and
 *      the claims taken over after their lease.
 *   bench/run mariadb [HOOK_N] [BULK_N]   (defaults 3000 and 300)
 * bench/run starts the sandbox and a private MariaDB server (durable
 * settings: innodb_flush_log_at_trx_commit=1). Prints figures; asserts nothing.
 */
require __DIR__ . '/lib.php';

$hookN = (int)($argv[1] ?? 3000);
$bulkN = (int)($argv[2] ?? 300);
$ext = getenv('QBOSYNC_EXTENSION') ?: dirname(__DIR__) . '/modules/qbosync.so';
$url = (string)getenv('QBOSYNC_MARIADB_URL');

if (($argv[3] ?? '') === '--hook') {
    $store = $argv[4];
    $conn = qbo_connect(['environment' => 'http://127.0.0.1:9', 'client_id' => 'bench', 'client_secret' => 'bench',
        'redirect_uri' => 'http://127.0.0.1/cb', 'store' => $store, 'encryption_key' => bin2hex(random_bytes(32)),
        'delivery' => 'worker']);
    $lat = [];
    for ($i = 1; $i <= $hookN; $i++) {
        $doc = ['id' => "i$i", 'customer' => 'c' . ($i % 200), 'number' => "H-$i", 'date' => '2026-11-23', 'status' => 'unpaid',
            'lines' => [
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
    echo json_encode(['p50' => $pick(0.5), 'p99' => $pick(0.99)]), "\n";
    exit(0);
}
if (($argv[3] ?? '') === '--worker') {
    $opts = json_decode($argv[4], true);
    $conn = qbo_connect($opts);
    $n = 0;
    $failed = [];
    for ($idle = 0; $idle < 3;) {
        try {
            $r = qbo_sync($conn, ['batch_size' => 30, 'rate_window' => 6.0]);   // QBO's minute at the sandbox's time scale 10
        } catch (QboSync\Exception $ex) {
            // as a worker daemon does: noted, and the next sync goes on
            $failed[] = $ex->getMessage();
            $r = ['delivered' => 0];
        }
        $n += $r['delivered'];
        if ($r['delivered'] === 0) {
            $idle++;
            usleep(50000);
        } else {
            $idle = 0;
        }
    }
    echo json_encode(['n' => $n, 'failed' => $failed]), "\n";
    exit(0);
}

$child = function (array $args) use ($ext) {
    $p = proc_open(array_merge([PHP_BINARY, '-n', '-d', 'extension=' . $ext, '-d', 'opcache.enable_cli=1', __FILE__], $args),
        [1 => ['pipe', 'w'], 2 => ['pipe', 'w']], $pipes);
    return [$p, $pipes];
};
$wait = function (array $c): string {
    [$p, $pipes] = $c;
    $out = stream_get_contents($pipes[1]) . stream_get_contents($pipes[2]);
    proc_close($p);
    return $out;
};

printf("hook path: qbo_push('invoice', 3 lines), delivery worker, %d calls\n", $hookN);
printf("%-40s %10s %10s\n", 'store', 'p50 us', 'p99 us');
$sqlite = sys_get_temp_dir() . '/qbosync-bench-mdb-' . getmypid() . '.sqlite';
foreach (['SQLite file (durability process)' => $sqlite, 'MariaDB (127.0.0.1, InnoDB, durable commits)' => "$url?prefix=bh" . bin2hex(random_bytes(3)) . '_'] as $label => $store) {
    $r = json_decode(trim($wait($child([(string)$hookN, '0', '--hook', $store]))), true);
    printf("%-40s %10.1f %10.1f\n", $label, $r['p50'] ?? -1, $r['p99'] ?? -1);
}
array_map('unlink', glob($sqlite . '*'));

printf("\nbulk: %d customers + %d invoices + %d payments (%d records), batches of 30, QBO's limits lifted, latency 150 +- 50 ms scaled by 1/10\n",
    $bulkN, $bulkN, $bulkN, 3 * $bulkN);
printf("%-10s %-8s %10s %10s %12s %10s %10s\n", 'store', 'workers', 'records', 'seconds', 'records/s', 'failed', 'takeovers');
foreach ([['MariaDB', 1], ['MariaDB', 2], ['MariaDB', 4], ['SQLite', 1], ['SQLite', 2]] as [$backend, $k]) {
    $realm = bl_company("bench mariadb $k");
    bl_shape($realm, 'lifted', 150, 50, 10);
    $store = $backend === 'SQLite' ? sys_get_temp_dir() . '/qbosync-bench-mdb-' . getmypid() . "-$k.sqlite"
        : "$url?prefix=bb" . bin2hex(random_bytes(3)) . '_';
    $m = qbo_connect(['environment' => bl_base(), 'client_id' => 'qbosync-sandbox-client', 'client_secret' => 'qbosync-sandbox-secret',
        'redirect_uri' => 'http://127.0.0.1/callback', 'store' => $store, 'encryption_key' => $key = bin2hex(random_bytes(32)),
        'delivery' => 'worker']);
    $q = [];
    $ch = curl_init(qbo_oauth_url($m) . '&' . http_build_query(['sandbox_auto' => 'approve', 'realm' => $realm]));
    curl_setopt_array($ch, [CURLOPT_RETURNTRANSFER => true, CURLOPT_HEADER => true]);
    preg_match('/^Location:\s*(\S+)/mi', (string)curl_exec($ch), $loc);
    parse_str((string)parse_url($loc[1], PHP_URL_QUERY), $q);
    qbo_oauth_exchange($m, $q['code'], $q['state'], $q['realmId']);
    bl_load($m, $bulkN);
    $opts = ['environment' => bl_base(), 'client_id' => 'qbosync-sandbox-client', 'client_secret' => 'qbosync-sandbox-secret',
        'redirect_uri' => 'http://127.0.0.1/callback', 'store' => $store, 'encryption_key' => $key, 'delivery' => 'worker'];
    $t = microtime(true);
    $kids = [];
    for ($i = 0; $i < $k; $i++) {
        $kids[] = $child([(string)$hookN, '0', '--worker', json_encode($opts)]);
    }
    $sum = 0;
    $failed = [];
    foreach ($kids as $c) {
        $out = $wait($c);
        $r = json_decode(trim($out), true);
        $sum += $r['n'] ?? 0;
        $failed = array_merge($failed, $r ? $r['failed'] : [trim($out)]);
    }
    $dt = microtime(true) - $t;
    $took = count(array_filter(qbo_log($m, ['limit' => 5000]), fn($l) => str_contains($l['message'], 'Taking over the delivery')));
    printf("%-10s %-8d %10d %10.2f %12.1f %10d %10d\n", $backend, $k, $sum, $dt, $sum / $dt, count($failed), $took);
    foreach (array_unique($failed) as $f) {
        printf("    failed sync: %.200s\n", $f);
    }
    if ($backend === 'SQLite') {
        array_map('unlink', glob($store . '*'));
    }
}
