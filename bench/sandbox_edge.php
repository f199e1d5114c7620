<?php
// Figures for the sandbox's EDGE (gateway) layer: in-process cost of sbx_edge_before/after per
// /v3 request (token check, throttle, fault lookup, request log) with limits on and off, and,
// when QBO_SANDBOX_URL points at a running sandbox, HTTP throughput through it.
// Usage: php -d opcache.enable_cli=1 bench/sandbox_edge.php [N]
declare(strict_types=1);

$n = (int)($argv[1] ?? 3000);
$dir = sys_get_temp_dir() . '/sbx-edge-bench-' . getmypid();
putenv('QBO_SANDBOX_DB=' . $dir . '.db');
require __DIR__ . '/../sandbox/lib/common.php';
foreach (['oauth', 'edge', 'webhooks', 'control'] as $f) {
    require_once __DIR__ . "/../sandbox/lib/$f.php";
}

$db = sbx_db();
$realm = SBX_US_REALM;
$tok = sbx_token_issue($db, 'qbosync-sandbox-client', $realm, SBX_SCOPE_ACCOUNTING)['access_token'];
printf("EDGE hooks in process, %d GET /v3 requests each:\n", $n);
foreach ([true, false] as $enabled) {
    $db->prepare('INSERT OR REPLACE INTO sbx_limit(scope, conf) VALUES(?, ?)')
        ->execute([$realm, json_encode(['enabled' => $enabled, 'per_minute' => PHP_INT_MAX, 'concurrent' => 1000])]);
    $t0 = microtime(true);
    for ($i = 0; $i < $n; $i++) {
        sbx_meta_cache([]);
        sbx_edge_state(['inflight' => null, 'client_id' => null, 'realm' => null, 'fault' => null, 'latency_ms' => null,
            'drop' => false, 'answered' => false]);
        $req = ['method' => 'GET', 'path' => "/v3/company/$realm/companyinfo/$realm", 'query' => ['minorversion' => '75'],
            'headers' => ['authorization' => "Bearer $tok"], 'body' => '', 'realm' => $realm, 'id' => "r$i"];
        if (($r = sbx_edge_before($req)) !== null) {
            fwrite(STDERR, "unexpected answer {$r[0]}: {$r[2]}\n");
            exit(1);
        }
        sbx_edge_after($req, sbx_json(200, ['ok' => 1]));
    }
    printf("  limits %-3s %6.0f us per request\n", $enabled ? 'on' : 'off', (microtime(true) - $t0) / $n * 1e6);
}
$edge = sbx_edge_dir();
array_map('unlink', glob($edge . '/*') ?: []);
@rmdir($edge);
foreach (glob($dir . '.db*') ?: [] as $f) {
    @unlink($f);
}

$base = getenv('QBO_SANDBOX_URL');
if ($base === false || $base === '') {
    echo "(set QBO_SANDBOX_URL to also measure HTTP throughput through a running sandbox)\n";
    exit(0);
}
function bench_post(string $url, array $body): array
{
    $ch = curl_init($url);
    curl_setopt_array($ch, [CURLOPT_POST => true, CURLOPT_POSTFIELDS => json_encode($body), CURLOPT_RETURNTRANSFER => true,
        CURLOPT_HTTPHEADER => ['Content-Type: application/json']]);
    $r = json_decode((string)curl_exec($ch), true);
    curl_close($ch);
    return is_array($r) ? $r : [];
}
$co = bench_post("$base/_sandbox/companies", ['name' => 'edge bench ' . getmypid()]);
$r = $co['realm'];
$t = bench_post("$base/_sandbox/tokens", ['realm' => $r])['access_token'];
printf("HTTP, %d GET companyinfo, 8 in parallel, %s:\n", $n, $base);
foreach ([true, false] as $enabled) {
    bench_post("$base/_sandbox/limits", ['realm' => $r, 'enabled' => $enabled, 'per_minute' => 100000000, 'concurrent' => 1000]);
    $mh = curl_multi_init();
    $mk = function () use ($base, $r, $t) {
        $ch = curl_init("$base/v3/company/$r/companyinfo/$r?minorversion=75");
        curl_setopt_array($ch, [CURLOPT_RETURNTRANSFER => true,
            CURLOPT_HTTPHEADER => ['Accept: application/json', "Authorization: Bearer $t"]]);
        return $ch;
    };
    $started = $done = 0;
    $codes = [];
    $t0 = microtime(true);
    for (; $started < min(8, $n); $started++) {
        curl_multi_add_handle($mh, $mk());
    }
    while ($done < $n) {
        curl_multi_exec($mh, $running);
        curl_multi_select($mh, 0.05);
        while ($info = curl_multi_info_read($mh)) {
            $ch = $info['handle'];
            $c = curl_getinfo($ch, CURLINFO_RESPONSE_CODE);
            $codes[$c] = ($codes[$c] ?? 0) + 1;
            curl_multi_remove_handle($mh, $ch);
            curl_close($ch);
            $done++;
            if ($started < $n) {
                curl_multi_add_handle($mh, $mk());
                $started++;
            }
        }
    }
    $dt = microtime(true) - $t0;
    ksort($codes);
    printf("  limits %-3s %6.0f requests/s (statuses %s)\n", $enabled ? 'on' : 'off', $n / $dt, json_encode($codes));
}
