--TEST--
The addon's Settings & Logs page: the log with its filters (type, level, kind/id, QBO code, intuit_tid, since), paged, escaped, each exchange with its code, intuit_tid and expandable scrubbed body; every exchange also reaches WHMCS's module log with every secret of the settings in its replace list
--FILE--
<?php
require __DIR__ . '/engine.inc';
$root = sys_get_temp_dir() . '/qbosync-754-' . getmypid();
@mkdir($root);
putenv("WHMCS_HARNESS_DB=$root/whmcs.sqlite");
putenv("WHMCS_HARNESS_ROOT=$root");
require __DIR__ . '/whmcs/whmcs.inc';
define('ROOTDIR', $root);
file_put_contents("$root/configuration.php", "<?php\n\$db_host = 'db.internal';\n\$db_password = 'db-secret-754';\n");
$realm = qbo_test_company();
$store = qbo_test_store();
$dir = dirname(__DIR__) . '/modules/addons/qbosync';
whmcs_addon_activate($dir, 'qbosync', ['environment' => qbo_test_sandbox(), 'client_id' => QBO_TEST_CLIENT_ID,
    'client_secret' => QBO_TEST_CLIENT_SECRET, 'encryption_key' => QBO_TEST_KEY, 'store' => $store, 'delivery' => 'inline',
    'redirect_uri' => QBO_TEST_REDIRECT, 'webhook_verifier' => 'verifier-secret-754']);
$c = QbosyncAddon::connect(QbosyncAddon::moduleFields());
$q = qbo_test_consent(qbo_oauth_url($c), $realm);
qbo_oauth_exchange($c, $q['code'], $q['state'], $q['realmId']);
qbo_test_fault(['kind' => '500', 'realm' => $realm, 'method' => 'POST', 'path' => '/v3/company/*/customer', 'count' => 1]);
$id = whmcs()->addClient(['firstname' => 'Eve', 'lastname' => '<b>Log</b>', 'email' => 'eve754@example.com']);

function page(string $query): array
{
    $cmd = array_merge(eng_php_command(), [__DIR__ . '/whmcs/admin/harness.php', 'request', 'GET', "module=qbosync&$query",
        json_encode([]), json_encode(['adminid' => 1, 'qbosync_csrf' => 'tok754'])]);
    $p = proc_open($cmd, [1 => ['pipe', 'w'], 2 => ['pipe', 'w']], $pipes, null, getenv());
    $out = stream_get_contents($pipes[1]);
    stream_get_contents($pipes[2]);
    proc_close($p);
    preg_match('/status: (\d+)\nflash: (.*)\n/', $out, $m);
    return ['status' => (int)($m[1] ?? 0), 'body' => $out];
}
function log_rows(string $body): array
{
    preg_match_all('~<tr class="qs-log-(exchange|decision)" data-level="(\w+)">(.*?)</tr>~s', $body, $m, PREG_SET_ORDER);
    return $m;
}

$r = page('page=settings');
$rows = log_rows($r['body']);
echo "settings: {$r['status']}, filters: ", implode(',', array_filter(['log_kind', 'log_id', 'log_level', 'log_type', 'log_code', 'log_tid', 'log_since', 'log_limit'],
    fn($n) => str_contains($r['body'], "name=\"$n\""))), "\n";
echo "rows: ", count($rows) > 3 ? 'several' : count($rows), ", both types: ", implode(',', array_unique(array_merge(['exchange'], array_column($rows, 1)))), "\n";

$r = page('page=settings&log_type=exchange&log_code=10000');
$rows = log_rows($r['body']);
$tid = qbo_log($c, ['code' => '10000'])[0]['intuit_tid'];
echo "code 10000: ", count($rows), " row, ", $rows[0][1], ", level ", $rows[0][2], ", code shown: ", var_export(str_contains($rows[0][3], '<td class="qs-log-code">10000</td>'), true),
    ", its intuit_tid shown: ", var_export(str_contains($rows[0][3], "<td class=\"qs-log-tid\">$tid</td>"), true), ", body expandable: ",
    var_export(str_contains($rows[0][3], '<details class="qs-log-body"><summary>Body</summary>'), true), "\n";
echo "the customer's name escaped in the body: ", var_export(str_contains($rows[0][3], '&lt;b&gt;Log&lt;/b&gt;') && !str_contains($rows[0][3], '<b>Log</b>'), true), "\n";
$r = page('page=settings&log_tid=' . urlencode($tid));
echo "by intuit_tid: ", count(log_rows($r['body'])), " row\n";
$r = page("page=settings&log_kind=customer&log_id=$id&log_type=decision");
$rows = log_rows($r['body']);
echo "customer $id decisions: ", count($rows) >= 1 ? 'rows' : 'none', ", only decisions: ", var_export(array_unique(array_column($rows, 1)) === ['decision'], true), "\n";
$r = page('page=settings&log_level=warn');
echo "warn and error only: ", var_export(!array_filter(log_rows($r['body']), fn($x) => $x[2] === 'info'), true), "\n";
$r = page('page=settings&log_since=' . gmdate('Y-m-d', time() + 2 * 86400));
echo "since the day after tomorrow: ", count(log_rows($r['body'])), " rows, ", str_contains($r['body'], 'Nothing logged yet.') ? 'empty note' : 'no note', "\n";
for ($i = 1; $i <= 4; $i++) {
    whmcs()->addClient(['firstname' => 'More', 'lastname' => "Client $i", 'email' => "more$i-754@example.com"]);
}
$total = count(qbo_log($c, ['limit' => 1000]));
echo "more than a page: ", var_export($total > 10, true), "\n";
$r1 = page('page=settings&log_limit=10');
$r2 = page('page=settings&log_limit=10&log_offset=10');
echo "page 1: ", count(log_rows($r1['body'])), " rows, older link: ", var_export(str_contains($r1['body'], 'log_offset=10'), true),
    "; page 2: ", count(log_rows($r2['body'])) === min(10, $total - 10) ? 'the next rows' : 'wrong', ", newer link: ",
    var_export(str_contains($r2['body'], 'class="qs-log-newer"'), true), "\n";
$leaks = 0;
foreach ([QBO_TEST_CLIENT_SECRET, QBO_TEST_KEY, 'verifier-secret-754', $q['code'], eng_unseal($store, 'access'), eng_unseal($store, 'refresh')] as $s) {
    $leaks += substr_count($r1['body'] . $r2['body'], $s);
}
echo "secrets on the pages: $leaks\n";

// WHMCS's module log: the replace list holds every secret of the settings
$o = QbosyncAddon::connectOptions(QbosyncAddon::moduleFields());
($o['log'])(['method' => 'POST', 'path' => '/probe', 'status' => 200, 'intuit_tid' => 't', 'request' => 'a ' . QBO_TEST_CLIENT_SECRET . ' b verifier-secret-754 c',
    'response' => QBO_TEST_KEY]);
$row = whmcs()->q("SELECT request, response FROM tblmodulelog WHERE action = 'POST /probe'")[0];
echo "module log replace list: ", $row['request'], " / ", $row['response'], "\n";
@unlink("$root/configuration.php");
@unlink("$root/whmcs.sqlite");
@rmdir($root);
?>
--EXPECT--
settings: 200, filters: log_kind,log_id,log_level,log_type,log_code,log_tid,log_since,log_limit
rows: several, both types: exchange,decision
code 10000: 1 row, exchange, level warn, code shown: true, its intuit_tid shown: true, body expandable: true
the customer's name escaped in the body: true
by intuit_tid: 1 row
customer 1 decisions: rows, only decisions: true
warn and error only: true
since the day after tomorrow: 0 rows, empty note
more than a page: true
page 1: 10 rows, older link: true; page 2: the next rows, newer link: true
secrets on the pages: 0
module log replace list: a *** b *** c / ***
