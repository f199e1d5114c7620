<?php
/*
 * tests/whmcs/admin/harness.php — sets up and drives the harness's WHMCS for the admin
 * area (the browser tests): the same database and addon the server at router.php uses.
 *   php harness.php setup URL SANDBOX STORE     a WHMCS with SystemURL=URL, configuration.php,
 *                                              the qbosync addon activated against SANDBOX
 *   php harness.php seed N                      N clients with a paid invoice each, made before the
 *                                              addon was active (no hooks: the history to push)
 *   php harness.php client FIRST LAST EMAIL     adds a client (ClientAdd fires)
 *   php harness.php invoice CLIENT AMOUNT [GW] [DATE]  an unpaid Hosting invoice (InvoiceCreated fires),
 *                                              dated DATE (YYYY-MM-DD; default today)
 *   php harness.php pay INVOICE [GW]            a gateway payment of its balance
 *   php harness.php cron                        WHMCS's cron (AfterCronJob)
 *   php harness.php request METHOD QUERY [POST-JSON] [SESSION-JSON]
 *                                              one admin-area request of addonmodules.php?QUERY
 *                                              without a server: prints the HTTP status, then the page
 *   php harness.php company NAME                a new sandbox company (what QuickBooks holds)
 *   php harness.php qbo-item REALM NAME         a Service item made in QuickBooks by hand
 *   php harness.php qbo-customer REALM NAME EMAIL  a customer made in QuickBooks by hand
 *   php harness.php qbo-deactivate REALM ID     that item made inactive in QuickBooks
 *   php harness.php qbo-get REALM ENTITY ID     a QuickBooks record as QBO answers it
 *   php harness.php latency REALM MS            every QuickBooks call of REALM answered MS ms later (0: none)
 * Every command prints JSON. Environment: WHMCS_HARNESS_DB, WHMCS_HARNESS_ROOT (router.php).
 */
require __DIR__ . '/../whmcs.inc';
require __DIR__ . '/../../qbo.inc';
define('ROOTDIR', getenv('WHMCS_HARNESS_ROOT') ?: sys_get_temp_dir());
$addon = dirname(__DIR__, 3) . '/modules/addons/qbosync';
$cmd = $argv[1] ?? '';
$w = whmcs();
$w->today = date('Y-m-d');

if (!in_array($cmd, ['setup', 'seed'], true) && whmcs()->one("SELECT value FROM tbladdonmodules WHERE module = 'qbosync' AND setting = 'version'")) {
    require_once "$addon/qbosync.php";
    require_once "$addon/hooks.php";
}

switch ($cmd) {
    case 'setup':
        [, , $url, $sandbox, $store] = $argv + [null, null, '', '', ''];
        $w->exec("INSERT OR REPLACE INTO tblconfiguration(setting, value) VALUES('SystemURL', ?)", [rtrim($url, '/') . '/']);
        file_put_contents(ROOTDIR . '/configuration.php', "<?php\n\$db_host = '127.0.0.1';\n\$db_port = '3306';\n\$db_username = 'whmcs';\n"
            . "\$db_password = 'harness-db-password';\n\$db_name = 'whmcs';\n\$customadminpath = 'admin';\n");
        $res = whmcs_addon_activate($addon, 'qbosync', [
            'environment' => $sandbox, 'client_id' => 'qbosync-sandbox-client', 'client_secret' => 'qbosync-sandbox-secret',
            'encryption_key' => str_repeat('5a', 32), 'store' => $store, 'delivery' => 'deferred',
        ]);
        echo json_encode($res), "\n";
        break;
    case 'seed':
        $n = (int)($argv[2] ?? 10);
        $gws = ['stripe', 'paypal', 'banktransfer'];
        for ($i = 1; $i <= $n; $i++) {
            $cid = $w->addClient(['firstname' => 'History', 'lastname' => "Client $i", 'email' => "history$i." . bin2hex(random_bytes(3)) . '@example.com']);
            $inv = $w->createInvoice($cid, [['type' => 'Hosting', 'description' => "Hosting for client $i", 'amount' => sprintf('%d.%02d', 10 + $i, $i % 100)]],
                ['gateway' => $gws[$i % 3]]);
            $w->gatewayPayment($inv, Whmcs::money($w->balance($inv)), '0.00');
        }
        echo json_encode(['clients' => $n]), "\n";
        break;
    case 'client':
        echo json_encode(['id' => $w->addClient(['firstname' => $argv[2], 'lastname' => $argv[3], 'email' => $argv[4]])]), "\n";
        break;
    case 'invoice':
        if (isset($argv[5]) && preg_match('/^\d{4}-\d{2}-\d{2}$/', $argv[5])) {
            $w->today = $argv[5];
        }
        $id = $w->createInvoice((int)$argv[2], [['type' => 'Hosting', 'description' => 'Web hosting', 'amount' => $argv[3]]],
            ['gateway' => $argv[4] ?? 'stripe']);
        echo json_encode(['id' => $id]), "\n";
        break;
    case 'pay':
        $inv = (int)$argv[2];
        $tid = $w->gatewayPayment($inv, Whmcs::money($w->balance($inv)), '0.00', $argv[3] ?? null);
        echo json_encode(['id' => $tid]), "\n";
        break;
    case 'cron':
        $w->cron();
        echo json_encode(['ok' => true]), "\n";
        break;
    case 'request':
        $_SERVER['REQUEST_METHOD'] = $argv[2];
        parse_str($argv[3] ?? '', $_GET);
        $_POST = json_decode($argv[4] ?? '[]', true) ?: [];
        $_SESSION = json_decode($argv[5] ?? '[]', true) ?: [];
        $m = $_GET['module'] ?? 'qbosync';
        $_ADDONLANG = [];
        include "$addon/lang/english.php";
        $vars = whmcs_addon_settings($m) + ['modulelink' => "addonmodules.php?module=$m", '_lang' => $_ADDONLANG];
        register_shutdown_function(function () {
            $body = ob_get_level() ? ob_get_clean() : '';
            $headers = array_values(array_filter(headers_list(), fn($h) => stripos($h, 'Location:') === 0));
            echo 'status: ', http_response_code() ?: 200, "\n";
            foreach ($headers as $h) {
                echo $h, "\n";
            }
            echo "flash: ", json_encode($_SESSION['qbosync_flash'] ?? []), "\n", $body;
        });
        ob_start();
        qbosync_output($vars);
        exit;
    case 'company':
        echo json_encode(['realm' => qbo_test_company(['name' => $argv[2] ?? 'Harness company'])]), "\n";
        break;
    case 'qbo-item':
        $acc = qbo_test_query($argv[2], "select * from Account where AccountType = 'Income'")[0]['Id'] ?? '1';
        $r = qbo_test_api($argv[2], 'POST', 'item', ['Name' => $argv[3], 'Type' => 'Service', 'IncomeAccountRef' => ['value' => $acc]]);
        echo json_encode(['id' => $r['json']['Item']['Id'] ?? null, 'status' => $r['status']]), "\n";
        break;
    case 'qbo-customer':
        $r = qbo_test_api($argv[2], 'POST', 'customer', ['DisplayName' => $argv[3], 'PrimaryEmailAddr' => ['Address' => $argv[4]]]);
        echo json_encode(['id' => $r['json']['Customer']['Id'] ?? null, 'status' => $r['status']]), "\n";
        break;
    case 'qbo-deactivate':
        $item = qbo_test_api($argv[2], 'GET', 'item/' . $argv[3])['json']['Item'];
        $r = qbo_test_api($argv[2], 'POST', 'item', ['Id' => $item['Id'], 'SyncToken' => $item['SyncToken'], 'sparse' => true, 'Active' => false]);
        echo json_encode(['status' => $r['status']]), "\n";
        break;
    case 'qbo-get':
        echo json_encode(qbo_test_api($argv[2], 'GET', strtolower($argv[3]) . '/' . $argv[4])['json']), "\n";
        break;
    case 'latency':
        $r = qbo_test_http('POST', '/_sandbox/latency', ['fixed_ms' => (int)$argv[3], 'jitter_ms' => 0, 'realm' => $argv[2]]);
        echo json_encode(['status' => $r['status']]), "\n";
        break;
    default:
        fwrite(STDERR, "usage: harness.php setup|client|invoice|pay|cron ...\n");
        exit(2);
}
