<?php
/*
 * The demo's billing day: a hosting company connects its QuickBooks Online
 * company (the local sandbox) through OAuth, then its billing system sends the
 * day's clients, invoices and payments through qbo_push. One invoice carries
 * bad data (it uses a product whose QuickBooks item the accountant made
 * inactive) and ends in Error with QuickBooks' reason; one document is refused
 * before anything is recorded. The overview is printed at the end.
 */

$base = rtrim((string)getenv('QBO_SANDBOX_URL'), '/');
if ($base === '') {
    fwrite(STDERR, "QBO_SANDBOX_URL is not set: run script/demo\n");
    exit(1);
}

function http(string $method, string $url, $body = null, array $headers = []): array
{
    $ch = curl_init($url);
    $loc = null;
    if (is_array($body)) {
        $body = json_encode($body);
        $headers[] = 'Content-Type: application/json';
    }
    curl_setopt_array($ch, [
        CURLOPT_CUSTOMREQUEST => $method,
        CURLOPT_RETURNTRANSFER => true,
        CURLOPT_HTTPHEADER => $headers,
        CURLOPT_TIMEOUT => 30,
        CURLOPT_HEADERFUNCTION => function ($ch, $line) use (&$loc) {
            if (stripos($line, 'Location:') === 0) {
                $loc = trim(substr($line, 9));
            }
            return strlen($line);
        },
    ]);
    if ($body !== null) {
        curl_setopt($ch, CURLOPT_POSTFIELDS, $body);
    }
    $raw = curl_exec($ch);
    if ($raw === false) {
        throw new RuntimeException("$method $url: " . curl_error($ch));
    }
    return [curl_getinfo($ch, CURLINFO_RESPONSE_CODE), json_decode($raw, true), $loc];
}

/* The accountant's own QuickBooks session (a sandbox-minted token). */
function accountant(string $base, string $realm, string $method, string $path, $body = null): array
{
    static $token = null;
    if ($token === null) {
        [, $t] = http('POST', "$base/_sandbox/tokens", ['realm' => $realm]);
        $token = $t['access_token'];
    }
    $sep = str_contains($path, '?') ? '&' : '?';
    [$st, $json] = http($method, "$base/v3/company/$realm/$path{$sep}minorversion=75", $body,
        ['Authorization: Bearer ' . $token, 'Accept: application/json']);
    if ($st >= 300) {
        throw new RuntimeException("accountant call $path failed: HTTP $st " . json_encode($json));
    }
    return $json;
}

function qbo_count(string $base, string $realm, string $entity): int
{
    $r = accountant($base, $realm, 'GET', 'query?query=' . rawurlencode("select count(*) from $entity"));
    return (int)($r['QueryResponse']['totalCount'] ?? 0);
}

echo "== 1. A QuickBooks Online company in the local sandbox\n";
[$st, $co] = http('POST', "$base/_sandbox/companies", ['name' => 'Northwind Hosting LLC', 'country' => 'US']);
$realm = (string)$co['realm'];
echo "   company Northwind Hosting LLC, realm $realm\n";

$store = sys_get_temp_dir() . '/qbosync-demo-' . getmypid() . '.sqlite';
register_shutdown_function(fn() => array_map('unlink', glob($store . '*')));

$conn = qbo_connect([
    'environment' => $base,
    'client_id' => 'qbosync-sandbox-client',
    'client_secret' => 'qbosync-sandbox-secret',
    'redirect_uri' => 'http://127.0.0.1/callback',
    'store' => $store,
    'encryption_key' => bin2hex(random_bytes(32)),
    'delivery' => 'inline',
]);

echo "== 2. Connect through OAuth 2.0 (the consent page approved for this company)\n";
$url = qbo_oauth_url($conn);
echo "   authorize: " . preg_replace('/state=[^&]+/', 'state=…', $url) . "\n";
[$st, , $location] = http('GET', $url . '&' . http_build_query(['sandbox_auto' => 'approve', 'realm' => $realm]));
parse_str((string)parse_url((string)$location, PHP_URL_QUERY), $redirect);
$status = qbo_oauth_exchange($conn, $redirect['code'], $redirect['state'], $redirect['realmId']);
echo "   connection: {$status['status']} (realm {$status['realm']})\n";

$before = [];
foreach (['Customer', 'Invoice', 'Payment'] as $e) {
    $before[$e] = qbo_count($base, $realm, $e);
}

echo "== 3. The accountant already has a product in QuickBooks, mapped, then made inactive\n";
$income = accountant($base, $realm, 'GET', 'query?query=' . rawurlencode("select * from Account where AccountType = 'Income'"));
$incomeId = $income['QueryResponse']['Account'][0]['Id'];
$item = accountant($base, $realm, 'POST', 'item', [
    'Name' => 'Legacy Reseller Plan', 'Type' => 'Service', 'IncomeAccountRef' => ['value' => $incomeId], 'UnitPrice' => 45,
])['Item'];
qbo_map($conn, 'item', 'legacy-reseller', $item['Id']);
accountant($base, $realm, 'POST', 'item', ['Id' => $item['Id'], 'SyncToken' => $item['SyncToken'], 'sparse' => true, 'Active' => false]);
echo "   item {$item['Id']} \"Legacy Reseller Plan\" mapped to product legacy-reseller, now inactive\n";

echo "== 4. The billing day: clients, invoices and payments through qbo_push\n";
$first = ['Ada', 'Grace', 'Alan', 'Edsger', 'Barbara', 'Donald', 'Frances', 'Ken', 'Radia', 'Linus'];
$last = ['Lovelace', 'Hopper', 'Turing', 'Dijkstra', 'Liskov', 'Knuth', 'Allen', 'Thompson', 'Perlman', 'Torvalds'];
$plans = [['shared-hosting', 'Shared Hosting (monthly)', '9.99'], ['vps-2g', 'VPS 2 GB (monthly)', '24.00'],
          ['domain-com', 'Domain renewal .com', '14.50'], ['ssl-dv', 'SSL certificate DV', '49.00']];
$pushed = ['customer' => 0, 'invoice' => 0, 'payment' => 0];
$t0 = hrtime(true);
$invoiceNo = 1000;
$invoices = [];
foreach ($first as $i => $fn) {
    $cid = (string)(101 + $i);
    $customer = [
        'id' => $cid, 'first_name' => $fn, 'last_name' => $last[$i],
        'email' => strtolower("$fn.{$last[$i]}@example.com"),
        'address' => ['line1' => (10 + $i) . ' Main St', 'city' => 'Springfield', 'region' => 'IL', 'postal_code' => '62701', 'country' => 'US'],
        'created' => '2026-11-23',
    ];
    if ($i % 3 === 0) {
        $customer['company'] = "{$last[$i]} Labs";
    }
    qbo_push($conn, 'customer', $customer);
    $pushed['customer']++;
    for ($k = 0; $k < 3; $k++) {
        $plan = $plans[($i + $k) % count($plans)];
        $qty = $k === 2 ? '2' : '1';
        $amount = bcmul_str($plan[2], $qty);
        $id = (string)(5000 + $i * 3 + $k);
        $doc = [
            'id' => $id, 'customer' => $cid, 'number' => 'INV-' . ($invoiceNo++), 'date' => '2026-11-23', 'due' => '2026-12-07',
            'status' => 'unpaid',
            'lines' => [['item' => $plan[0], 'description' => $plan[1], 'quantity' => $qty, 'unit_price' => $plan[2], 'amount' => $amount]],
            'subtotal' => $amount, 'tax_total' => '0.00', 'total' => $amount,
        ];
        qbo_push($conn, 'invoice', $doc);
        $invoices[] = [$id, $cid, $amount];
        $pushed['invoice']++;
    }
}

/* Twenty of the thirty invoices are paid today, by card or bank transfer. */
foreach (array_slice($invoices, 0, 20) as $n => [$iid, $cid, $amount]) {
    qbo_push($conn, 'payment', [
        'id' => (string)(9000 + $n), 'customer' => $cid, 'date' => '2026-11-23', 'amount' => $amount,
        'method' => $n % 2 ? 'stripe' : 'banktransfer', 'reference' => 'ch_' . substr(hash('sha256', $iid), 0, 24),
        'applies_to' => [['invoice' => $iid, 'amount' => $amount]],
    ]);
    $pushed['payment']++;
}

/* Bad data, kind one: the product's QuickBooks item is inactive. QuickBooks refuses it. */
try {
    qbo_push($conn, 'invoice', [
        'id' => '5999', 'customer' => '101', 'number' => 'INV-1999', 'date' => '2026-11-23', 'status' => 'unpaid',
        'lines' => [['item' => 'legacy-reseller', 'description' => 'Legacy Reseller Plan', 'quantity' => '1', 'unit_price' => '45.00', 'amount' => '45.00']],
        'subtotal' => '45.00', 'tax_total' => '0.00', 'total' => '45.00',
    ]);
} catch (QboSync\ApiException $e) {
    echo "   refused by QuickBooks: {$e->getMessage()}\n";
}
/* Bad data, kind two: refused before anything is recorded. */
try {
    qbo_push($conn, 'customer', ['id' => '999', 'first_name' => 'No', 'last_name' => 'Email', 'email' => 'not-an-address']);
} catch (QboSync\ValidationException $e) {
    echo "   customer 999 not recorded: {$e->getMessage()}\n";
}
$ms = (hrtime(true) - $t0) / 1e6;
printf("   pushed %d customers, %d invoices, %d payments in %.0f ms (inline delivery)\n",
    $pushed['customer'], $pushed['invoice'], $pushed['payment'], $ms);

echo "== 5. The overview\n";
$status = qbo_status($conn);
printf("   connection: %s, realm %s, last sync %s\n", $status['status'], $status['realm'] ?? '-', $status['last_sync'] ?? '-');
foreach ($status['counts'] as $state => $n) {
    printf("   %-12s %d\n", $state, $n);
}
$errors = qbo_entities($conn, ['state' => 'Error']);
foreach ($errors as $row) {
    printf("   Error: %s\n", $row['reason']);
}

$inQbo = 0;
foreach (['Customer', 'Invoice', 'Payment'] as $e) {
    $inQbo += qbo_count($base, $realm, $e) - $before[$e];
}
$synced = $status['counts']['Synced'] ?? 0;
echo "synced: $synced, errors: " . count($errors) . ", in QBO: $inQbo\n";

function bcmul_str(string $price, string $qty): string
{
    [$w, $f] = explode('.', $price . '.00');
    $cents = ((int)$w * 100 + (int)substr($f . '00', 0, 2)) * (int)$qty;
    return sprintf('%d.%02d', intdiv($cents, 100), $cents % 100);
}
