--TEST--
Sandbox: its worker count is settable: started with QBO_SANDBOX_WORKERS=12 it holds QBO's 10 concurrent requests of one company in flight at once (and still answers its control API), and all ten are answered when released
--FILE--
<?php
require __DIR__ . '/edge_helper.inc';
/* a sandbox of its own, with 12 workers */
$env = getenv();
unset($env['QBO_SANDBOX_DB']);
$env['QBO_SANDBOX_WORKERS'] = '12';
$srv = proc_open(['bash', dirname(__DIR__, 2) . '/sandbox/serve', '0'], [0 => ['pipe', 'r'], 1 => ['pipe', 'w'], 2 => ['file', '/dev/null', 'w']], $pipes, null, $env);
$url = trim((string)fgets($pipes[1]));
if (!str_starts_with($url, 'http://127.0.0.1:')) {
    die("the sandbox did not start\n");
}
putenv("QBO_SANDBOX_URL=$url");
$realm = edge_realm();
$t = edge_token($realm);
$hold = edge_fault(['realm' => $realm, 'kind' => 'hold', 'path' => "/v3/company/$realm/companyinfo/*",
    'delay_ms' => 60000, 'count' => 10]);
$mh = curl_multi_init();
$hs = [];
$most = 0;
/* one at a time, each held before the next is sent (so no worker takes two connections at once) */
for ($i = 1; $i <= 10; $i++) {
    $ch = curl_init("$url/v3/company/$realm/companyinfo/$realm?minorversion=75");
    curl_setopt_array($ch, [CURLOPT_RETURNTRANSFER => true, CURLOPT_TIMEOUT => 90,
        CURLOPT_HTTPHEADER => ['Authorization: Bearer ' . $t['access_token'], 'Accept: application/json']]);
    curl_multi_add_handle($mh, $ch);
    $hs[] = $ch;
    do {
        curl_multi_exec($mh, $running);
        curl_multi_select($mh, 0.05);
    } while (curl_getinfo($ch, CURLINFO_REQUEST_SIZE) === 0);
    edge_wait(function () use ($mh, $realm, $i, &$most) {
        curl_multi_exec($mh, $running);
        $l = edge_curl('GET', '/_sandbox/limits?realm=' . $realm, null, [], 2)['json'];
        $most = max($most, (int)($l['in_flight'] ?? 0));
        return $most >= $i ? $most : null;
    }, 20);
}
echo "held in flight at once: $most\n";
sbx_http('DELETE', '/_sandbox/faults/' . $hold['id']);
do {
    curl_multi_exec($mh, $running);
    curl_multi_select($mh, 0.1);
} while ($running > 0);
$codes = array_count_values(array_map(fn($h) => curl_getinfo($h, CURLINFO_RESPONSE_CODE), $hs));
ksort($codes);
echo "answers: ", json_encode($codes), "\n";
proc_terminate($srv, SIGTERM);
fclose($pipes[0]);
fclose($pipes[1]);
proc_close($srv);
?>
--EXPECT--
held in flight at once: 10
answers: {"200":10}
