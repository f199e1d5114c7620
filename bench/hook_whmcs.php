<?php
/*
 * bench/hook_whmcs.php — what a WHMCS hook costs the admin's request in worker mode,
 * beside qbo_push's. Run through bench/run (builds, starts the sandbox, loads the extension):
 *   bench/run hook_whmcs [N]
 * Prints, never asserts:
 *   1. qbo_push (worker): p50 / p99 / max microseconds over N invoices (validate + record);
 *   2. qbo_hook (worker) on InvoiceCreated, AddTransaction, InvoicePaid: p50 / p99 / max over N
 *      each (record the event and its ids; no fetch, no QBO);
 *   3. the delivery-time cost: qbo_sync expanding those events through the fetch (the WHMCS-like
 *      runtime's localAPI on SQLite) and delivering them to the sandbox, records per second.
 */
require __DIR__ . '/../tests/whmcs/whmcs.inc';

$n = (int)($argv[1] ?? 2000);
$base = rtrim((string)getenv('QBO_SANDBOX_URL'), '/');
if ($base === '') {
    fwrite(STDERR, "QBO_SANDBOX_URL is not set: run bench/run hook_whmcs\n");
    exit(1);
}

function post_json(string $url, array $body): array
{
    $ch = curl_init($url);
    curl_setopt_array($ch, [CURLOPT_POST => true, CURLOPT_RETURNTRANSFER => true,
        CURLOPT_HTTPHEADER => ['Content-Type: application/json'], CURLOPT_POSTFIELDS => json_encode($body)]);
    return json_decode((string)curl_exec($ch), true) ?? [];
}

function connect(string $base, string $tag, array $more = []): QboSync\Connection
{
    $realm = (string)post_json("$base/_sandbox/companies", ['name' => "bench $tag " . bin2hex(random_bytes(3))])['realm'];
    $store = sys_get_temp_dir() . "/qbosync-bench-$tag-" . getmypid() . '.sqlite';
    register_shutdown_function(fn() => array_map('unlink', glob($store . '*')));
    $conn = qbo_connect($more + ['environment' => $base, 'client_id' => 'qbosync-sandbox-client',
        'client_secret' => 'qbosync-sandbox-secret', 'redirect_uri' => 'http://127.0.0.1/callback',
        'store' => $store, 'encryption_key' => bin2hex(random_bytes(32)), 'delivery' => 'worker']);
    $url = qbo_oauth_url($conn) . '&' . http_build_query(['sandbox_auto' => 'approve', 'realm' => $realm]);
    $ch = curl_init($url);
    curl_setopt_array($ch, [CURLOPT_RETURNTRANSFER => true, CURLOPT_HEADER => true]);
    preg_match('/^Location:\s*(\S+)/mi', (string)curl_exec($ch), $m);
    parse_str((string)parse_url($m[1], PHP_URL_QUERY), $q);
    qbo_oauth_exchange($conn, $q['code'], $q['state'], $q['realmId']);
    post_json("$base/_sandbox/limits", ['realm' => $realm, 'per_minute' => 1000000, 'concurrent' => 1000]);
    return $conn;
}

function pct(array $xs, float $p): float
{
    sort($xs);
    return $xs[min(count($xs) - 1, (int)floor($p * count($xs)))];
}

function line(string $what, array $lat): void
{
    printf("%-44s %6d calls  p50 %7.1f us  p99 %7.1f us  max %8.1f us\n", $what, count($lat), pct($lat, 0.5), pct($lat, 0.99), max($lat));
}

/* 1. qbo_push, worker mode */
$conn = connect($base, 'push');
$lat = [];
for ($i = 0; $i < $n; $i++) {
    $doc = ['id' => "i$i", 'customer' => "c$i", 'date' => '2026-11-23', 'status' => 'unpaid',
        'lines' => [['description' => 'Hosting', 'amount' => '9.99']], 'subtotal' => '9.99', 'tax_total' => '0.00', 'total' => '9.99'];
    $t = hrtime(true);
    qbo_push($conn, 'invoice', $doc);
    $lat[] = (hrtime(true) - $t) / 1e3;
}
line('qbo_push invoice (worker, record only)', $lat);

/* 2. qbo_hook, worker mode: the WHMCS-like runtime creates and pays invoices; the hooks are timed */
$w = whmcs();
$conn = connect($base, 'hook', ['fetch' => 'localAPI']);
$lat = [];
foreach (['ClientAdd', 'InvoiceCreated', 'AddTransaction', 'InvoicePaid'] as $ev) {
    add_hook($ev, 1, function ($vars) use ($conn, $ev, &$lat) {
        $t = hrtime(true);
        qbo_hook($conn, $ev, $vars);
        $lat[$ev][] = (hrtime(true) - $t) / 1e3;
    });
}
$clients = [];
for ($i = 0; $i < max(1, intdiv($n, 10)); $i++) {
    $clients[] = $w->addClient(['firstname' => 'Bench', 'lastname' => "Client $i", 'email' => "bench$i@example.com"]);
}
for ($i = 0; $i < $n; $i++) {
    $inv = $w->createInvoice($clients[$i % count($clients)], [['type' => 'Hosting', 'description' => 'Hosting', 'amount' => '9.99']]);
    $w->gatewayPayment($inv, '9.99', '0.59');
}
foreach (['InvoiceCreated', 'AddTransaction', 'InvoicePaid'] as $ev) {
    line("qbo_hook $ev (worker, record only)", $lat[$ev]);
}

/* 3. delivery time: expansion through localAPI, then QBO */
$t = hrtime(true);
$r = qbo_sync($conn);
$s = (hrtime(true) - $t) / 1e9;
$st = qbo_status($conn);
printf("qbo_sync: %d hook events expanded and %d records delivered in %.2f s = %.0f records/s (errors %d, remaining %d)\n",
    count($lat['ClientAdd']) + 3 * $n, $r['delivered'], $s, $r['delivered'] / max($s, 1e-9), $r['errors'], $st['queued']);
