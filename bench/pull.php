<?php
/*
 * bench/pull.php — how fast qbo_pull reads a company back, and what linking costs.
 * Run through bench/run (which builds, starts the sandbox, loads the extension):
 *   bench/run pull [N]
 * Makes N customers in a fresh sandbox company (by /batch, as another QBO user would),
 * records N/2 of them locally (worker mode, never sent) so the pull links them by
 * DisplayName, then prints, never asserts:
 *   1. a full pull (pages of 1,000): records per second, with linking;
 *   2. the same full pull again (everything linked already);
 *   3. a CDC pull right after (nothing changed): its time;
 *   4. qbo_reference('customer'): first call (reads QBO) and a cached call.
 * The company's QBO limits are lifted so that the figures are qbosync's own.
 */

require __DIR__ . '/lib.php';

$n = (int)($argv[1] ?? 5000);
$base = bl_base();
$realm = bl_company('bench pull');
bl_shape($realm, 'lifted', 0, 0, 1);
$conn = bl_connect($realm);

$tok = bl_post("$base/_sandbox/tokens", ['realm' => $realm])['access_token'];
for ($i = 0; $i < $n; $i += 30) {
    $items = [];
    for ($j = $i; $j < min($n, $i + 30); $j++) {
        $items[] = ['bId' => "b$j", 'operation' => 'create', 'Customer' => ['DisplayName' => "Pull Bench $j",
            'PrimaryEmailAddr' => ['Address' => "pb$j@example.com"]]];
    }
    $ch = curl_init("$base/v3/company/$realm/batch?minorversion=75");
    curl_setopt_array($ch, [CURLOPT_POST => true, CURLOPT_RETURNTRANSFER => true, CURLOPT_POSTFIELDS => json_encode(['BatchItemRequest' => $items]),
        CURLOPT_HTTPHEADER => ['Content-Type: application/json', 'Accept: application/json', "Authorization: Bearer $tok"]]);
    curl_exec($ch);
}
for ($j = 0; $j < $n; $j += 2) {
    qbo_push($conn, 'customer', ['id' => "c$j", 'first_name' => 'Pull', 'last_name' => "Bench $j",
        'display_name' => "Pull Bench $j", 'email' => "pb$j@example.com"]);
}

$t = microtime(true);
$r = qbo_pull($conn, ['kinds' => ['customer'], 'full' => true, 'callback' => fn($k, $d) => null]);
$dt = microtime(true) - $t;
printf("full pull, linking:   %6d customers in %6.2f s = %7.0f records/s, %d linked\n", $r['counts']['customer'], $dt, $r['counts']['customer'] / $dt, $r['linked']);
$t = microtime(true);
$r = qbo_pull($conn, ['kinds' => ['customer'], 'full' => true, 'callback' => fn($k, $d) => null]);
$dt = microtime(true) - $t;
printf("full pull, all linked: %5d customers in %6.2f s = %7.0f records/s, %d linked\n", $r['counts']['customer'], $dt, $r['counts']['customer'] / $dt, $r['linked']);
$t = microtime(true);
$r = qbo_pull($conn, ['kinds' => ['customer']]);
printf("cdc pull, no changes: %6.1f ms (mode %s)\n", (microtime(true) - $t) * 1000, $r['mode']);
$t = microtime(true);
$rows = qbo_reference($conn, 'customer', ['refresh' => true]);
printf("qbo_reference customer, from QBO: %d rows in %6.1f ms\n", count($rows), (microtime(true) - $t) * 1000);
$t = microtime(true);
$rows = qbo_reference($conn, 'customer', ['search' => 'bench 42', 'limit' => 20]);
printf("qbo_reference customer, cached search: %d rows in %6.1f ms\n", count($rows), (microtime(true) - $t) * 1000);
