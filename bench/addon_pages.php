<?php
/*
 * bench/addon_pages.php [N]: the WHMCS addon's admin pages with N records in the store
 * (default 100,000 queued customers, each also connected to a QuickBooks customer with a
 * start date; connected to a sandbox company): the median time of each page's _output over 5 renders
 * in one process, the way WHMCS's admin area runs it. Prints figures.
 *   bench/run addon_pages 100000
 */
$n = (int)($argv[1] ?? 100000);
$root = sys_get_temp_dir() . '/qbosync-bench-addon-' . getmypid();
mkdir($root);
putenv("WHMCS_HARNESS_DB=$root/whmcs.sqlite");
require __DIR__ . '/../tests/whmcs/whmcs.inc';
define('ROOTDIR', $root);
$dir = __DIR__ . '/../modules/addons/qbosync';
whmcs()->exec("INSERT INTO tblconfiguration VALUES('SystemURL', 'http://127.0.0.1/')");
require __DIR__ . '/lib.php';
whmcs_addon_activate($dir, 'qbosync', ['environment' => bl_base(), 'client_id' => 'qbosync-sandbox-client',
    'client_secret' => 'qbosync-sandbox-secret', 'redirect_uri' => 'http://127.0.0.1/callback',
    'encryption_key' => str_repeat('ab', 32), 'store' => "$root/store.sqlite", 'delivery' => 'worker']);
$c = QbosyncAddon::connect(QbosyncAddon::moduleFields());
// connected to a sandbox company, so the pages that read QuickBooks (pickers, company name) render fully
$ch = curl_init(qbo_oauth_url($c) . '&' . http_build_query(['sandbox_auto' => 'approve', 'realm' => bl_company('Bench addon pages')]));
curl_setopt_array($ch, [CURLOPT_RETURNTRANSFER => true, CURLOPT_HEADER => true]);
preg_match('/^Location:\s*(\S+)/mi', (string)curl_exec($ch), $m);
parse_str((string)parse_url($m[1], PHP_URL_QUERY), $q);
qbo_oauth_exchange($c, $q['code'], $q['state'], $q['realmId']);
$t = microtime(true);
for ($i = 1; $i <= $n; $i++) {
    qbo_push($c, 'customer', ['id' => "c$i", 'first_name' => 'Bench', 'last_name' => "Client $i", 'email' => "bench$i@example.com"], QBO_QUEUE_ONLY);
}
printf("store: %d records recorded in %.1f s\n", $n, microtime(true) - $t);
// every customer connected (Connect Customer with a start date): rows written straight into
// the store, since no QuickBooks answers here
$db = new PDO("sqlite:$root/store.sqlite");
$key = $db->query("SELECT key FROM conn LIMIT 1")->fetchColumn();
$db->beginTransaction();
$ins = $db->prepare("INSERT INTO mapping(conn, kind, local_id, purpose, qbo_id, name, created, start_date) VALUES(?, 'customer', ?, '', ?, ?, 0, '2026-03-01')");
for ($i = 1; $i <= $n; $i++) {
    $ins->execute([$key, "c$i", (string)(1000 + $i), "Bench Client $i"]);
}
$db->commit();
unset($ins, $db);
$_SESSION = ['adminid' => 1];
$_SERVER['REQUEST_METHOD'] = 'GET';
$_ADDONLANG = [];
include "$dir/lang/english.php";
$vars = whmcs_addon_settings('qbosync') + ['modulelink' => 'addonmodules.php?module=qbosync', '_lang' => $_ADDONLANG];
$pages = [
    'Overview' => ['page' => 'overview'],
    'Entities, first page' => ['page' => 'entities'],
    'Entities, last page' => ['page' => 'entities', 'offset' => (string)max(0, $n - 50)],
    'Entities, kind and state, middle page' => ['page' => 'entities', 'kind' => 'customer', 'state' => 'Not Tried', 'offset' => (string)intdiv($n, 2)],
    'Entities, one id (no kind)' => ['page' => 'entities', 'id' => 'c' . intdiv($n, 2)],
    'Entities, customers, first page' => ['page' => 'entities', 'kind' => 'customer'],
    'Mappings, clients' => ['page' => 'mappings', 'section' => 'clients'],
    'Mappings, products' => ['page' => 'mappings', 'section' => 'products'],
    'Mappings, taxes' => ['page' => 'mappings', 'section' => 'taxes'],
    'Mappings, gateways' => ['page' => 'mappings', 'section' => 'gateways'],
    'Accounts' => ['page' => 'accounts'],
    'Push' => ['page' => 'push'],
    'Pull' => ['page' => 'pull'],
    'Reconciliation' => ['page' => 'reconcile'],
    'Settings & Logs' => ['page' => 'settings'],
];
foreach ($pages as $label => $get) {
    $_GET = $get;
    $times = [];
    for ($k = 0; $k < 5; $k++) {
        $t = hrtime(true);
        ob_start();
        qbosync_output($vars);
        $html = ob_get_clean();
        $times[] = (hrtime(true) - $t) / 1e6;
    }
    sort($times);
    printf("%-40s %7.1f ms  (%d KiB of HTML)\n", $label, $times[2], strlen($html) / 1024);
}
foreach (glob("$root/*") as $f) {
    unlink($f);
}
rmdir($root);
