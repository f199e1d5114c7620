<?php
// Throughput of the local QBO sandbox: starts its own sandbox (sandbox/serve, fresh DB), makes a
// company + token, disables EDGE's per-realm throttle for that realm (so the 500 req/min QBO limit
// does not cap the measurement), then fires a bounded number of simple requests over several
// parallel connections (curl_multi) and prints requests/second per scenario. Stops the sandbox.
// Usage: php bench/sandbox.php [requests per scenario = 4000] [parallel connections = 8]
declare(strict_types=1);

$total = (int)($argv[1] ?? 4000);
$parallel = (int)($argv[2] ?? 8);
$root = dirname(__DIR__);
$db = tempnam(sys_get_temp_dir(), 'qbo-bench-') . '.db';

$spec = [1 => ['pipe', 'w'], 2 => ['file', '/dev/null', 'a']];
$env = getenv() + ['QBO_SANDBOX_DB' => $db];
$env['QBO_SANDBOX_DB'] = $db;
$t0 = microtime(true);
$proc = proc_open(['setsid', $root . '/sandbox/serve', '0'], $spec, $pipes, $root, $env);
$base = trim((string)fgets($pipes[1]));
$startup = microtime(true) - $t0;
if (!preg_match('#^http://127\.0\.0\.1:\d+$#', $base)) {
    fwrite(STDERR, "sandbox did not start\n");
    exit(1);
}
$pid = proc_get_status($proc)['pid'];
register_shutdown_function(function () use ($proc, $pid, $db) {
    posix_kill($pid, SIGTERM);   // serve traps TERM and stops the PHP server and its workers
    proc_close($proc);
    foreach ([$db, $db . '-wal', $db . '-shm'] as $f) {
        @unlink($f);
    }
});

function call(string $method, string $url, ?string $body = null, array $h = []): array
{
    $ch = curl_init($url);
    curl_setopt_array($ch, [CURLOPT_CUSTOMREQUEST => $method, CURLOPT_RETURNTRANSFER => true,
        CURLOPT_HTTPHEADER => array_merge(['Content-Type: application/json', 'Accept: application/json'], $h)]);
    if ($body !== null) {
        curl_setopt($ch, CURLOPT_POSTFIELDS, $body);
    }
    $raw = (string)curl_exec($ch);
    $st = (int)curl_getinfo($ch, CURLINFO_RESPONSE_CODE);
    curl_close($ch);
    return [$st, json_decode($raw, true)];
}

[$st, $co] = call('POST', "$base/_sandbox/companies", '{"name":"Bench Co"}');
$realm = $co['realm'];
[$st, $tok] = call('POST', "$base/_sandbox/tokens", json_encode(['realm' => $realm]));
$auth = isset($tok['access_token']) ? ['Authorization: Bearer ' . $tok['access_token']] : [];
call('POST', "$base/_sandbox/limits", json_encode(['realm' => $realm, 'enabled' => false]));
[$st, $cust] = call('POST', "$base/v3/company/$realm/customer?minorversion=75", '{"DisplayName":"Bench Customer"}', $auth);
$custId = $cust['Customer']['Id'] ?? '1';

function bench(string $name, string $url, int $total, int $parallel, array $auth): void
{
    $mh = curl_multi_init();
    $mk = function () use ($url, $auth) {
        $ch = curl_init($url);
        curl_setopt_array($ch, [CURLOPT_RETURNTRANSFER => true, CURLOPT_HTTPHEADER => array_merge(['Accept: application/json'], $auth)]);
        return $ch;
    };
    $started = 0;
    $done = 0;
    $bad = 0;
    $t0 = microtime(true);
    for (; $started < min($parallel, $total); $started++) {
        curl_multi_add_handle($mh, $mk());
    }
    while ($done < $total) {
        curl_multi_exec($mh, $running);
        curl_multi_select($mh, 0.05);
        while ($info = curl_multi_info_read($mh)) {
            $ch = $info['handle'];
            if (curl_getinfo($ch, CURLINFO_RESPONSE_CODE) !== 200) {
                $bad++;
            }
            curl_multi_remove_handle($mh, $ch);
            curl_close($ch);
            $done++;
            if ($started < $total) {
                curl_multi_add_handle($mh, $mk());
                $started++;
            }
        }
    }
    $dt = microtime(true) - $t0;
    curl_multi_close($mh);
    printf("%-28s %6d requests, %2d parallel: %7.1f req/s (%.2f ms avg), non-200: %d\n",
        $name, $total, $parallel, $total / $dt, 1000 * $dt / $total * $parallel, $bad);
}

printf("sandbox %s started in %.0f ms (first line of serve)\n", $base, $startup * 1000);
bench('GET companyinfo', "$base/v3/company/$realm/companyinfo/$realm?minorversion=75", $total, $parallel, $auth);
bench('GET customer/{id}', "$base/v3/company/$realm/customer/$custId?minorversion=75", $total, $parallel, $auth);
bench('GET query (Item)', "$base/v3/company/$realm/query?minorversion=75&query=" . rawurlencode('select * from Item'), intdiv($total, 2), $parallel, $auth);
