<?php
/*
 * bench/connections.php — what the hook path costs inside a real PHP-FPM, and
 * what the persistent transport saves there.
 *   bench/run connections [N]     N requests per configuration (default 1000)
 * Debian's php-fpm (4 static workers, the extension loaded) serves billing
 * requests through Debian's nginx (FastCGI); each request pushes one customer.
 * QuickBooks is the local sandbox behind a second nginx server that terminates
 * TLS with a test CA (passed to qbo_connect as ca_info: verification stays on)
 * and logs every request with its connection serial and whether the TLS
 * session was resumed. Printed per configuration: the median and p90 request
 * time seen by the client, TLS handshakes (new connections to the terminator;
 * full and resumed) per request. Configurations:
 *   inline, persistent      the default: qbosync.max_connections = 8
 *   inline, not persistent  qbosync.max_connections = 0 (an engine per request)
 *   deferred, persistent    the response is sent first (fastcgi_finish_request
 *                           in RSHUTDOWN), the push is delivered after it
 * With 150 ms added to every sandbox answer (one request at a time, so a
 * worker is free), the deferred row shows whether the response reached the
 * client before the delivery: the store afterwards shows them delivered.
 * Ends with the table's ROW lines (`bench/run table`): persistent transport
 * on against off. Asserts nothing.
 */

require __DIR__ . '/tls_proxy.php';

$n = (int)($argv[1] ?? 1000);
$sandbox = rtrim((string)getenv('QBO_SANDBOX_URL'), '/');
$ext = getenv('QBOSYNC_SO') ?: dirname(__DIR__) . '/modules/qbosync.so';
if ($sandbox === '') {
    fwrite(STDERR, "QBO_SANDBOX_URL is not set: run bench/run connections\n");
    exit(1);
}
foreach (['/usr/sbin/php-fpm8.2', '/usr/sbin/nginx'] as $bin) {
    if (!is_executable($bin)) {
        fwrite(STDERR, "$bin is missing: bench/run connections installs php8.2-fpm and nginx-light\n");
        exit(1);
    }
}

$dir = sys_get_temp_dir() . '/qbosync-bench-conn-' . getmypid();
@mkdir($dir, 0700, true);
$procs = [];
register_shutdown_function(function () use (&$procs, $dir) {
    foreach ($procs as $p) {
        $st = proc_get_status($p);
        if ($st['running']) {
            posix_kill($st['pid'], SIGTERM);
        }
        proc_close($p);
    }
    if (!getenv('KEEP')) { exec('rm -rf ' . escapeshellarg($dir)); } else { fwrite(STDERR, "kept $dir\n"); }
});

function http(string $method, string $url, ?array $body = null, array $opts = []): array
{
    $ch = curl_init($url);
    curl_setopt_array($ch, $opts + [CURLOPT_CUSTOMREQUEST => $method, CURLOPT_RETURNTRANSFER => true,
        CURLOPT_HTTPHEADER => ['Content-Type: application/json'],
        CURLOPT_POSTFIELDS => $body === null ? null : json_encode($body), CURLOPT_HEADER => true]);
    $raw = (string)curl_exec($ch);
    $code = curl_getinfo($ch, CURLINFO_RESPONSE_CODE);
    $hs = curl_getinfo($ch, CURLINFO_HEADER_SIZE);
    return [$code, substr($raw, 0, $hs), substr($raw, $hs)];
}

$tlsPort = tp_free_port();
$webPort = tp_free_port();
$procs[] = tp_start_nginx($dir, $tlsPort, $sandbox, "keepalive_requests 100000;\n        keepalive_timeout 300s;", <<<CONF
    server {
        listen 127.0.0.1:$webPort;
        root $dir;
        location ~ \.php$ {
            include /etc/nginx/fastcgi_params;
            fastcgi_param SCRIPT_FILENAME \$document_root\$fastcgi_script_name;
            fastcgi_pass unix:$dir/fpm.sock;
        }
    }
CONF);
tp_wait_port($webPort);

$tls = "https://127.0.0.1:$tlsPort";
$store = "$dir/store.sqlite";
$key64 = bin2hex(random_bytes(32));
$common = ['environment' => $tls, 'client_id' => 'qbosync-sandbox-client', 'client_secret' => 'qbosync-sandbox-secret',
    'redirect_uri' => 'http://127.0.0.1/callback', 'store' => $store, 'encryption_key' => $key64, 'ca_info' => "$dir/cert.pem"];

/* One company, connected once through the terminator; its limits lifted. */
[, , $body] = http('POST', "$sandbox/_sandbox/companies", ['name' => 'bench connections']);
$realm = json_decode($body, true)['realm'];
http('POST', "$sandbox/_sandbox/limits", ['realm' => $realm, 'per_minute' => 1000000, 'concurrent' => 1000]);
$conn = qbo_connect($common + ['delivery' => 'worker']);
[, $hdr] = http('GET', qbo_oauth_url($conn) . '&' . http_build_query(['sandbox_auto' => 'approve', 'realm' => $realm]), null,
    [CURLOPT_CUSTOMREQUEST => 'GET', CURLOPT_CAINFO => "$dir/cert.pem"]);
preg_match('/^Location:\s*(\S+)/mi', $hdr, $m);
parse_str((string)parse_url($m[1], PHP_URL_QUERY), $q);
qbo_oauth_exchange($conn, $q['code'], $q['state'], $q['realmId']);
unset($conn);

file_put_contents("$dir/push.php", '<?php
$o = json_decode(file_get_contents(__DIR__ . "/options.json"), true);
$o["delivery"] = $_GET["delivery"];
$c = qbo_connect($o);
$i = $_GET["i"];
$s = qbo_push($c, "customer", ["id" => "$i", "first_name" => "Fpm", "last_name" => "Customer $i", "email" => "fpm$i@example.com"]);
echo $s["state"];
');
file_put_contents("$dir/options.json", json_encode($common));

function start_fpm(string $dir, string $ext, int $maxConnections): array
{
    @unlink("$dir/fpm.sock");
    file_put_contents("$dir/fpm.conf", "[global]\nerror_log = $dir/fpm-error.log\ndaemonize = no\n"
        . "[bench]\nlisten = $dir/fpm.sock\npm = static\npm.max_children = 4\n"
        . "catch_workers_output = yes\n");
    /* on the command line: a pool's php_admin_value of an extension's own
     * setting is applied before the extension is loaded, and lost */
    $p = proc_open(['/usr/sbin/php-fpm8.2', '-n', '-R', '-d', "extension=$ext", '-d', "qbosync.max_connections=$maxConnections",
        '-d', 'qbosync.inline_timeout=5', '-y', "$dir/fpm.conf", '-F'], [1 => ['file', "$dir/fpm.out", 'a'], 2 => ['file', "$dir/fpm.out", 'a']], $pp);
    for ($i = 0; $i < 200 && !file_exists("$dir/fpm.sock"); $i++) {
        usleep(25000);
    }
    return [$p];
}

/* $n requests, $conc at a time ($gap seconds between the starts of
 * one-at-a-time requests); returns the request times in ms. */
function drive(int $webPort, string $delivery, int $from, int $n, int $conc = 4, float $gap = 0): array
{
    $mh = curl_multi_init();
    $times = [];
    $next = $from;
    $end = $from + $n;
    $add = function () use (&$next, $mh, $webPort, $delivery) {
        $ch = curl_init("http://127.0.0.1:$webPort/push.php?delivery=$delivery&i=" . $next++);
        curl_setopt($ch, CURLOPT_RETURNTRANSFER, true);
        curl_multi_add_handle($mh, $ch);
    };
    for ($k = 0; $k < $conc && $next < $end; $k++) {
        $add();
    }
    $bad = 0;
    do {
        curl_multi_exec($mh, $running);
        curl_multi_select($mh, 0.5);
        while ($info = curl_multi_info_read($mh)) {
            $ch = $info['handle'];
            $times[] = curl_getinfo($ch, CURLINFO_TOTAL_TIME) * 1000;
            $out = curl_multi_getcontent($ch);
            if (curl_getinfo($ch, CURLINFO_RESPONSE_CODE) !== 200 || $out === '') {
                $bad++;
            }
            curl_multi_remove_handle($mh, $ch);
            if ($next < $end) {
                if ($gap > 0) {
                    usleep((int)($gap * 1e6));
                }
                $add();
            }
        }
    } while ($running || $next < $end);
    if ($bad) {
        fwrite(STDERR, "$bad of $n requests failed\n");
    }
    sort($times);
    return $times;
}

function tls_counts(string $log, int &$seen): array
{
    $lines = file_exists($log) ? file($log, FILE_IGNORE_NEW_LINES) : [];
    $new = array_slice($lines, $seen);
    $seen = count($lines);
    $full = $resumed = $requests = 0;
    foreach ($new as $l) {
        [, $creq, $reused] = explode(' ', $l);
        $requests++;
        if ((int)$creq === 1) {
            $reused === 'r' ? $resumed++ : $full++;
        }
    }
    return [$full, $resumed, $requests];
}

printf("%d requests per configuration, 4 php-fpm workers, 4 concurrent clients; QBO behind TLS (nginx, test CA)\n", $n);
printf("%-26s %9s %9s %11s %11s %9s\n", 'configuration', 'median ms', 'p90 ms', 'full TLS', 'resumed TLS', 'QBO req');
$seen = 0;
$id = 1;
$got = [];
$rows = [
    ['inline, persistent', 'inline', 8, 0],
    ['inline, not persistent', 'inline', 0, 0],
    ['deferred, persistent', 'deferred', 8, 0],
    ['inline, +150 ms QBO', 'inline', 8, 150],
    ['deferred, +150 ms QBO', 'deferred', 8, 150],
];
foreach ($rows as [$label, $delivery, $maxc, $latency]) {
    $fpm = start_fpm($dir, $ext, $maxc);
    if ($latency) {
        http('POST', "$sandbox/_sandbox/latency", ['fixed_ms' => $latency, 'jitter_ms' => 0, 'realm' => $realm]);
    }
    /* with QBO slowed down, one request at a time and 0.6 s apart, so that a
     * worker is free and the time is the response's own, not a queue's */
    $count = $latency ? 20 : $n;
    $t = $latency ? drive($webPort, $delivery, $id, $count, 1, 0.6) : drive($webPort, $delivery, $id, $count);
    $id += $count;
    if ($delivery === 'deferred') {
        sleep(2);   /* the workers finish the deliveries that follow the last responses */
    }
    foreach ($fpm as $p) {
        $st = proc_get_status($p);
        posix_kill($st['pid'], SIGTERM);
        proc_close($p);
    }
    if ($latency) {
        http('DELETE', "$sandbox/_sandbox/latency", ['realm' => $realm]);
    }
    [$full, $resumed, $reqs] = tls_counts("$dir/tls.log", $seen);
    printf("%-26s %9.2f %9.2f %11s %11s %9d\n", "$label ($count)", $t[intdiv(count($t), 2)], $t[(int)(count($t) * 0.9)],
        sprintf('%d (%.2f)', $full, $full / $count), sprintf('%d (%.2f)', $resumed, $resumed / $count), $reqs);
    $got[$label] = ['median' => $t[intdiv(count($t), 2)], 'tls' => ($full + $resumed) / $count, 'full' => $full / $count];
}
$c = qbo_connect($common + ['delivery' => 'worker']);
$st = qbo_status($c);
printf("store afterwards: %s; %s\n", json_encode($st['counts']), "queued {$st['queued']}");
if (isset($got['inline, persistent'], $got['inline, not persistent'])) {
    $on = $got['inline, persistent'];
    $off = $got['inline, not persistent'];
    $fmt = fn($x) => sprintf('%.2f TLS handshakes/req, median %.1f ms', $x['tls'], $x['median']);
    echo "ROW|connections: php-fpm inline push over TLS, persistent transport (N=$n)|fewer handshakes and a lower median than without|",
        $fmt($on), '|', 'off: ', $fmt($off), '|', sprintf('median %.2f', $on['median'] / max($off['median'], 1e-9)), "\n";
}
if (isset($got['deferred, persistent'])) {
    $x = $got['deferred, persistent'];
    echo "ROW|connections: same, delivery deferred (after the response) (N=$n)|the response before the delivery|",
        sprintf('%.2f TLS handshakes/req, median %.1f ms', $x['tls'], $x['median']), '||', "\n";
}
