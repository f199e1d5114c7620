<?php
// Figures for the transport layer against the local sandbox (QBO_SANDBOX_URL): the OAuth code
// exchange, an inline customer push (its QBO calls over one reused curl handle), the same push
// when every call must first refresh the token (refresh_margin above the token life), and the
// cost of a 401 answered by one refresh. Prints medians; asserts nothing.
// Usage: bench/run transport [N]
declare(strict_types=1);

require __DIR__ . '/../tests/qbo.inc';

$n = max(5, (int)($argv[1] ?? 50));

function ms(float $t): float
{
    return (microtime(true) - $t) * 1000;
}

function median(array $v): float
{
    sort($v);
    $c = count($v);
    return $c % 2 ? $v[intdiv($c, 2)] : ($v[$c / 2 - 1] + $v[$c / 2]) / 2;
}

function customer(string $id, string $tag): array
{
    return ['id' => $id, 'email' => "b$id-$tag@example.com", 'first_name' => 'Bench', 'last_name' => "$tag $id"];
}

// OAuth code exchange (consent happens in the sandbox, outside the measurement)
$ex = [];
for ($i = 0; $i < min($n, 20); $i++) {
    $realm = qbo_test_company();
    $conn = qbo_connect(qbo_test_options());
    $q = qbo_test_consent(qbo_oauth_url($conn), $realm);
    $t = microtime(true);
    qbo_oauth_exchange($conn, $q['code'], $q['state'], $q['realmId']);
    $ex[] = ms($t);
}
printf("oauth code exchange:                 median %7.2f ms over %d\n", median($ex), count($ex));

foreach ([['plain', []], ['refresh before every call', ['refresh_margin' => 4000]]] as [$label, $opt]) {
    [$conn, $realm] = qbo_test_connect(['delivery' => 'inline'] + $opt);
    $tag = bin2hex(random_bytes(3));
    $t = [];
    $t0 = microtime(true);
    for ($i = 0; $i < $n; $i++) {
        $s = microtime(true);
        $st = qbo_push($conn, 'customer', customer((string)$i, $tag));
        $t[] = ms($s);
        if ($st['state'] !== 'Synced') {
            fprintf(STDERR, "push %d: %s %s\n", $i, $st['state'], $st['reason'] ?? '');
        }
    }
    $all = microtime(true) - $t0;
    printf("inline customer push, %-26s median %7.2f ms, %6.1f pushes/s over %d\n", $label . ':', median($t), $n / $all, $n);
}

// a 401 answered by one refresh and a retry
[$conn, $realm] = qbo_test_connect(['delivery' => 'inline']);
$tag = bin2hex(random_bytes(3));
$with = $without = [];
for ($i = 0; $i < min($n, 20); $i++) {
    $s = microtime(true);
    qbo_push($conn, 'customer', customer("a$i", $tag));
    $without[] = ms($s);
    qbo_test_fault(['kind' => '401', 'realm' => $realm, 'path' => '/v3/company/*', 'count' => 1]);
    $s = microtime(true);
    qbo_push($conn, 'customer', customer("b$i", $tag));
    $with[] = ms($s);
}
printf("inline push without / with a 401:    median %7.2f / %7.2f ms over %d\n", median($without), median($with), count($with));
