<?php
/*
 * bench/tls.php — TLS handshakes of the delivering process: how many of its
 * connections to QuickBooks start with a full handshake and how many resume
 * a session (the engine's curl share: TLS sessions, DNS and connections
 * shared by its single-request handle and every slot of its pool).
 *   bench/run tls [N=200] [BATCH=5] [RUNS=3]
 * QuickBooks is the local sandbox behind nginx terminating TLS with a
 * self-signed certificate for 127.0.0.1 (passed as ca_info: verification
 * stays on); nginx logs every request with its connection serial, the
 * connection's request count and whether the session was resumed, and
 * closes a connection after 5 requests (keepalive_requests), so that the
 * pool opens new connections during the run, as it does against a QBO edge
 * that closes idle or long-lived connections. One process delivers N
 * customers and N invoices in RUNS qbo_sync runs (batch_size BATCH: waves in
 * flight together through the pool). Prints connections opened (full /
 * resumed handshakes) and requests. Asserts nothing.
 */
require __DIR__ . '/lib.php';
require __DIR__ . '/tls_proxy.php';

$n = (int)($argv[1] ?? 200);
$batch = (int)($argv[2] ?? 5);
$runs = max(1, (int)($argv[3] ?? 3));
$sandbox = bl_base();
if (!is_executable('/usr/sbin/nginx')) {
    fwrite(STDERR, "/usr/sbin/nginx is missing: bench/run tls installs nginx-light\n");
    exit(1);
}
$dir = sys_get_temp_dir() . '/qbosync-bench-tls-' . getmypid();
@mkdir($dir, 0700, true);
$nginx = null;
register_shutdown_function(function () use (&$nginx, $dir) {
    if ($nginx) {
        $st = proc_get_status($nginx);
        if ($st['running']) {
            posix_kill($st['pid'], SIGTERM);
        }
        proc_close($nginx);
    }
    exec('rm -rf ' . escapeshellarg($dir));
});
$port = tp_free_port();
$nginx = tp_start_nginx($dir, $port, $sandbox, 'keepalive_requests 5;');

$realm = bl_company('bench tls');
bl_shape($realm, 'lifted', 20, 10, 1);
$store = "$dir/store.sqlite";
$common = ['environment' => "https://127.0.0.1:$port", 'client_id' => 'qbosync-sandbox-client',
    'client_secret' => 'qbosync-sandbox-secret', 'redirect_uri' => 'http://127.0.0.1/callback', 'store' => $store,
    'encryption_key' => bin2hex(random_bytes(32)), 'ca_info' => "$dir/cert.pem", 'delivery' => 'worker'];
$conn = qbo_connect($common);
$ch = curl_init(qbo_oauth_url($conn) . '&' . http_build_query(['sandbox_auto' => 'approve', 'realm' => $realm]));
curl_setopt_array($ch, [CURLOPT_RETURNTRANSFER => true, CURLOPT_HEADER => true, CURLOPT_CAINFO => "$dir/cert.pem"]);
preg_match('/^Location:\s*(\S+)/mi', (string)curl_exec($ch), $m);
parse_str((string)parse_url($m[1], PHP_URL_QUERY), $q);
qbo_oauth_exchange($conn, $q['code'], $q['state'], $q['realmId']);
$seen = count(@file("$dir/tls.log") ?: []);   // the OAuth exchange's own connections

$per = intdiv($n, $runs);
$delivered = 0;
for ($r = 0; $r < $runs; $r++) {
    for ($i = $r * $per; $i < ($r + 1) * $per; $i++) {
        qbo_push($conn, 'customer', bl_customer($i));
        qbo_push($conn, 'invoice', bl_invoice($i));
    }
    $res = qbo_sync($conn, ['batch_size' => $batch, 'rate_window' => 0]);
    $delivered += $res['delivered'];
}
usleep(200000);
$full = $resumed = $requests = 0;
foreach (array_slice(file("$dir/tls.log", FILE_IGNORE_NEW_LINES), $seen) as $l) {
    [, $creq, $reused] = explode(' ', $l);
    $requests++;
    if ((int)$creq === 1) {
        $reused === 'r' ? $resumed++ : $full++;
    }
}
printf("one delivering process, %d records in %d syncs (batch_size %d), QBO behind TLS (nginx, 5 requests a connection)\n",
    $delivered, $runs, $batch);
printf("requests %d, connections %d: full TLS handshakes %d, resumed %d\n", $requests, $full + $resumed, $full, $resumed);
