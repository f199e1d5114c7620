<?php
/*
 * The demo's billing day: a hosting company connects its QuickBooks Online
 * company (the local sandbox) through OAuth, then its billing system (the
 * WHMCS-like runtime of tests/whmcs/whmcs.inc) runs a day of clients, invoices,
 * gateway payments with fees, credit and a refund, each firing WHMCS's hooks,
 * with one qbo_hook() line per hook as an addon's hooks.php registers them. The
 * hooks only record (worker delivery); the cron's AfterCronJob delivers. One
 * invoice carries bad data (a setup fee booked to the QuickBooks item the
 * accountant made inactive) and ends in Error with QuickBooks' reason. The
 * overview is printed at the end.
 */

require __DIR__ . '/../tests/whmcs/whmcs.inc';

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
    'delivery' => 'worker',
]);

echo "== 2. Connect through OAuth 2.0 (the consent page approved for this company)\n";
$url = qbo_oauth_url($conn);
echo "   authorize: " . preg_replace('/state=[^&]+/', 'state=…', $url) . "\n";
[$st, , $location] = http('GET', $url . '&' . http_build_query(['sandbox_auto' => 'approve', 'realm' => $realm]));
parse_str((string)parse_url((string)$location, PHP_URL_QUERY), $redirect);
$status = qbo_oauth_exchange($conn, $redirect['code'], $redirect['state'], $redirect['realmId']);
echo "   connection: {$status['status']} (realm {$status['realm']})\n";


echo "== 3. The addon's set-up: gateway fees to an expense account; the accountant's inactive item\n";
$expense = accountant($base, $realm, 'GET', 'query?query=' . rawurlencode("select * from Account where AccountType = 'Expense'"));
$feeAccount = $expense['QueryResponse']['Account'][0]['Id'] ?? accountant($base, $realm, 'POST', 'account',
    ['Name' => 'Merchant Fees', 'AccountType' => 'Expense'])['Account']['Id'];
qbo_map($conn, 'account', '*', $feeAccount, ['purpose' => 'fee']);
echo "   gateway fees go to QBO account $feeAccount\n";
$income = accountant($base, $realm, 'GET', 'query?query=' . rawurlencode("select * from Account where AccountType = 'Income'"));
$incomeId = $income['QueryResponse']['Account'][0]['Id'];
$item = accountant($base, $realm, 'POST', 'item', [
    'Name' => 'Setup Fees (old)', 'Type' => 'Service', 'IncomeAccountRef' => ['value' => $incomeId],
])['Item'];
qbo_map($conn, 'item', 'whmcs-setup', $item['Id']);
accountant($base, $realm, 'POST', 'item', ['Id' => $item['Id'], 'SyncToken' => $item['SyncToken'], 'sparse' => true, 'Active' => false]);
echo "   WHMCS setup fees mapped to QBO item {$item['Id']} \"Setup Fees (old)\", which the accountant then made inactive\n";

/* What QuickBooks holds before the billing day. */
$before = [];
foreach (['Customer', 'Item', 'Invoice', 'Payment', 'RefundReceipt', 'Deposit'] as $e) {
    $before[$e] = qbo_count($base, $realm, $e);
}

/* The addon's hooks.php: one line per hook. Each call is timed: this is what the admin's page waits for. */
$events = ['ClientAdd', 'ClientEdit', 'ClientClose', 'ClientDelete', 'InvoiceCreation', 'InvoiceCreated',
    'UpdateInvoiceTotal', 'InvoiceChangeGateway', 'AddInvoicePayment', 'AddTransaction', 'InvoicePaid', 'InvoiceUnpaid',
    'InvoiceCancelled', 'InvoiceRefunded', 'ManualRefund', 'LogTransaction', 'AddInvoiceLateFee', 'InvoiceSplit',
    'AfterCronJob', 'DailyCronJob'];
$hookTimes = [];
foreach ($events as $event) {
    add_hook($event, 1, function (array $vars) use ($conn, $event, &$hookTimes) {
        $t = hrtime(true);
        $state = qbo_hook($conn, $event, $vars);
        if ($event !== 'AfterCronJob') {
            $hookTimes[] = (hrtime(true) - $t) / 1e3;
        }
        return $state;
    });
}

echo "== 4. The billing day in WHMCS: every change fires its hooks\n";
$w = whmcs();
$w->today = '2026-11-23';
$first = ['Ada', 'Grace', 'Alan', 'Edsger', 'Barbara', 'Donald', 'Frances', 'Ken', 'Radia', 'Linus'];
$last = ['Lovelace', 'Hopper', 'Turing', 'Dijkstra', 'Liskov', 'Knuth', 'Allen', 'Thompson', 'Perlman', 'Torvalds'];
$plans = [['Hosting', 'Shared Hosting (monthly)', '9.99'], ['Hosting', 'VPS 2 GB (monthly)', '24.00'],
          ['DomainRenew', 'Domain renewal example.com', '14.50'], ['Addon', 'SSL certificate DV', '49.00']];
$clients = $invoices = [];
foreach ($first as $i => $fn) {
    $clients[] = $cid = $w->addClient(['firstname' => $fn, 'lastname' => $last[$i],
        'companyname' => $i % 3 === 0 ? "{$last[$i]} Labs" : '',
        'email' => strtolower("$fn.{$last[$i]}@example.com"), 'address1' => (10 + $i) . ' Main St', 'city' => 'Springfield',
        'state' => 'IL', 'postcode' => '62701', 'country' => 'US', 'gateway' => $i % 2 ? 'stripe' : 'banktransfer']);
    for ($k = 0; $k < 3; $k++) {
        $plan = $plans[($i + $k) % count($plans)];
        $invoices[] = [$w->createInvoice($cid, [['type' => $plan[0], 'relid' => 1, 'description' => $plan[1], 'amount' => $plan[2]]],
            ['gateway' => $i % 2 ? 'stripe' : 'banktransfer']), $plan[2], $i % 2 ? 'stripe' : 'banktransfer'];
    }
}
echo "   10 clients and 30 invoices created\n";
/* Twenty invoices are paid today: by card through Stripe (with its fee), or by bank transfer. */
$payments = [];
foreach (array_slice($invoices, 0, 20) as [$iid, $amount, $gw]) {
    $fee = $gw === 'stripe' ? Whmcs::money((int)round(Whmcs::cents($amount) * 0.029) + 30) : '0.00';
    $payments[] = $w->gatewayPayment($iid, $amount, $fee, $gw);
}
echo "   20 invoices paid (Stripe payments carry their gateway fee)\n";
/* A client adds funds, then the credit pays one of their invoices; one card payment is refunded. */
$w->addFundsDirect($clients[9], '50.00');
$w->applyCredit($invoices[29][0], $invoices[29][1]);
$w->refund($payments[1], '24.00');
echo "   client {$clients[9]} added 50.00 of funds and paid invoice {$invoices[29][0]} from them; payment {$payments[1]} refunded\n";
/* Bad data: a setup fee on the item the accountant made inactive. */
$bad = $w->createInvoice($clients[0], [['type' => 'Setup', 'relid' => 1, 'description' => 'Server setup', 'amount' => '45.00']]);
echo "   invoice $bad: a setup fee (the inactive QuickBooks item)\n";
sort($hookTimes);
$n = count($hookTimes);
printf("   %d hook calls recorded their events: median %.0f µs, slowest %.0f µs; nothing waited on QuickBooks\n",
    $n, $hookTimes[intdiv($n, 2)], $hookTimes[$n - 1]);

echo "== 5. WHMCS's cron: AfterCronJob delivers what the hooks recorded\n";
$t0 = hrtime(true);
$w->cron();
printf("   delivered in %.0f ms\n", (hrtime(true) - $t0) / 1e6);

echo "== 6. The overview\n";
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
$made = [];
foreach (['Customer', 'Item', 'Invoice', 'Payment', 'RefundReceipt', 'Deposit'] as $e) {
    $n = qbo_count($base, $realm, $e) - ($before[$e] ?? 0);
    $made[] = "$n $e";
    $inQbo += $n;
}
$byKind = [];
foreach (qbo_entities($conn, ['state' => 'Synced']) as $row) {
    $byKind[$row['kind']] = ($byKind[$row['kind']] ?? 0) + 1;
}
echo "   Synced by kind: " . implode(', ', array_map(fn($k, $n) => "$n $k", array_keys($byKind), $byKind)) . "\n";
echo "   made in QuickBooks: " . implode(', ', $made) . " (a Stripe payment with a fee is a Payment and a Deposit)\n";
$synced = $status['counts']['Synced'] ?? 0;
echo "synced: $synced, errors: " . count($errors) . ", in QBO: $inQbo\n";
