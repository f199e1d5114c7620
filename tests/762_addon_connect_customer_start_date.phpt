--TEST--
The addon's Connect Customer with a start date: the Entities page latches a client to a QuickBooks customer with a start date (CSRF token required, the QuickBooks name escaped), shows the connection and the date, skips the older invoice with the reason and what to do, refuses a bad date without changing anything, and "keep this connection" with the date cleared sends the skipped invoice to QuickBooks at once
--FILE--
<?php
require __DIR__ . '/engine.inc';
$root = sys_get_temp_dir() . '/qbosync-762-' . getmypid();
@mkdir($root);
putenv("WHMCS_HARNESS_DB=$root/whmcs.sqlite");
putenv("WHMCS_HARNESS_ROOT=$root");
require __DIR__ . '/whmcs/whmcs.inc';
define('ROOTDIR', $root);
$realm = qbo_test_company();
$store = qbo_test_store();
$dir = dirname(__DIR__) . '/modules/addons/qbosync';
whmcs_addon_activate($dir, 'qbosync', ['environment' => qbo_test_sandbox(), 'client_id' => QBO_TEST_CLIENT_ID,
    'client_secret' => QBO_TEST_CLIENT_SECRET, 'encryption_key' => QBO_TEST_KEY, 'store' => $store, 'delivery' => 'inline',
    'redirect_uri' => QBO_TEST_REDIRECT]);
$c = QbosyncAddon::connect(QbosyncAddon::moduleFields());
$q = qbo_test_consent(qbo_oauth_url($c), $realm);
qbo_oauth_exchange($c, $q['code'], $q['state'], $q['realmId']);
$qid = (string)qbo_test_api($realm, 'POST', 'customer', ['DisplayName' => 'Zed <script>x</script> Books'])['json']['Customer']['Id'];
qbo_push($c, 'customer', eng_customer('31', 'Zed', 'Client', 'zed762@example.com'));

function page(string $method, string $query, array $post = [], array $session = ['adminid' => 1, 'qbosync_csrf' => 'tok762']): array
{
    $cmd = array_merge(eng_php_command(), [__DIR__ . '/whmcs/admin/harness.php', 'request', $method, "module=qbosync&$query",
        json_encode($post), json_encode($session)]);
    $p = proc_open($cmd, [1 => ['pipe', 'w'], 2 => ['pipe', 'w']], $pipes, null, getenv());
    $out = stream_get_contents($pipes[1]);
    $err = stream_get_contents($pipes[2]);
    proc_close($p);
    if (!preg_match('/status: (\d+)\nflash: (.*)\n/', $out, $m)) {
        throw new RuntimeException("no status line: $out $err");
    }
    return ['status' => (int)$m[1], 'flash' => json_decode($m[2], true), 'body' => str_replace($m[0], '', $out)];
}
$connect = ['action' => 'connect', 'kind' => 'customer', 'id' => '31', 'qbo_id' => $qid, 'mode' => 'auto', 'start_date' => '2026-03-01'];
$r = page('POST', 'page=entities', $connect);
echo "without the token: {$r['status']}, mappings ", count(qbo_mappings($c, 'customer', '31')), "\n";
$r = page('POST', 'page=entities', $connect + ['qbosync_token' => 'tok762']);
echo "connected: {$r['flash'][0][0]}: ", str_replace($qid, 'Q', $r['flash'][0][1]), "\n";
$r = page('GET', 'page=entities&kind=customer&id=31');
echo "page shows the date: ", str_contains($r['body'], 'name="start_date" value="2026-03-01"') ? 'yes' : 'no',
    ", the connection: ", str_contains($r['body'], 'Connected to Zed &lt;script&gt;x&lt;/script&gt; Books #' . $qid . ', start date 2026-03-01') ? 'escaped' : 'no',
    ", raw script: ", str_contains($r['body'], '<script>x</script>') ? 'yes' : 'no', ", keep offered: ", str_contains($r['body'], 'value="keep" checked') ? 'yes' : 'no', "\n";

$old = qbo_push($c, 'invoice', eng_invoice('k1', '31', '25.00', 'ZK-1', ['date' => '2026-02-10']));
$new = qbo_push($c, 'invoice', eng_invoice('k2', '31', '35.00', 'ZK-2', ['date' => '2026-03-02']));
echo "invoices: k1 {$old['state']}, k2 {$new['state']}\n";
$r = page('GET', 'page=entities&kind=invoice');
echo "reason shown: ", str_contains($r['body'], 'before the start date 2026-03-01 set when connecting customer 31 to QuickBooks customer &#039;Zed &lt;script&gt;') ? 'escaped' : 'no',
    ", what to do: ", str_contains($r['body'], 'move or clear the start date under Connect Customer') ? 'yes' : 'no', "\n";

$r = page('POST', 'page=entities', ['start_date' => '2026-13-01', 'mode' => 'keep', 'qbo_id' => ''] + $connect + ['qbosync_token' => 'tok762']);
echo "bad date: {$r['flash'][0][0]}: {$r['flash'][0][1]}; stored ", qbo_mappings($c, 'customer', '31')[0]['start_date'], "\n";

$r = page('POST', 'page=entities', ['start_date' => '', 'mode' => 'keep', 'qbo_id' => ''] + $connect + ['qbosync_token' => 'tok762']);
echo "cleared: {$r['flash'][0][0]}: ", str_replace($qid, 'Q', $r['flash'][0][1]), "\n";
$k1 = qbo_entities($c, ['kind' => 'invoice', 'id' => 'k1'])[0];
$inv = qbo_test_query($realm, "select * from Invoice where DocNumber = 'ZK-1'")[0] ?? [];
echo "k1 now {$k1['state']}; in QuickBooks for the connected customer: ", ($inv['CustomerRef']['value'] ?? '') === $qid ? 'yes' : 'no', ", total ", $inv['TotalAmt'] ?? '-', "\n";
echo "mapping: ", json_encode(qbo_mappings($c, 'customer', '31')[0]['start_date']), ", still ", qbo_mappings($c, 'customer', '31')[0]['qbo_id'] === $qid ? 'the same customer' : 'another', "\n";
foreach (glob("$root/*") as $f) {
    @unlink($f);
}
@rmdir($root);
?>
--EXPECT--
without the token: 403, mappings 0
connected: ok: Client 31 is connected to QuickBooks customer Q Zed <script>x</script> Books. Its records dated before 2026-03-01 are not sent to QuickBooks (0 now skipped, 0 queued).
page shows the date: yes, the connection: escaped, raw script: no, keep offered: yes
invoices: k1 Skipped, k2 Synced
reason shown: escaped, what to do: yes
bad date: err: qbo_map('customer', '31'): start_date must be a date YYYY-MM-DD, or null to clear it; "2026-13-01" given; stored 2026-03-01
cleared: ok: Client 31 is connected to QuickBooks customer Q Zed <script>x</script> Books. No start date: all its records are sent (1 queued).
k1 now Synced; in QuickBooks for the connected customer: yes, total 25
mapping: null, still the same customer
