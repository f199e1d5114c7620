--TEST--
The addon's Push page: a dry run started from the form, its steps through the page's JSON endpoint (POST with the token only) until done with a report of what would be created, then a real push cancelled from the page
--FILE--
<?php
require __DIR__ . '/engine.inc';
$root = sys_get_temp_dir() . '/qbosync-745-' . getmypid();
@mkdir($root);
putenv("WHMCS_HARNESS_DB=$root/whmcs.sqlite");
putenv("WHMCS_HARNESS_ROOT=$root");
require __DIR__ . '/whmcs/whmcs.inc';
define('ROOTDIR', $root);
$realm = qbo_test_company();
for ($i = 1; $i <= 3; $i++) {   // WHMCS's history, from before the addon
    $cid = whmcs()->addClient(['firstname' => 'Old', 'lastname' => "Client $i", 'email' => "old745-$i@example.com"]);
    whmcs()->createInvoice($cid, [['type' => 'Hosting', 'description' => 'Hosting', 'amount' => '10.00']]);
}
$dir = dirname(__DIR__) . '/modules/addons/qbosync';
whmcs_addon_activate($dir, 'qbosync', ['environment' => qbo_test_sandbox(), 'client_id' => QBO_TEST_CLIENT_ID,
    'client_secret' => QBO_TEST_CLIENT_SECRET, 'encryption_key' => QBO_TEST_KEY, 'store' => qbo_test_store(), 'delivery' => 'worker',
    'redirect_uri' => QBO_TEST_REDIRECT]);
$c = QbosyncAddon::connect(QbosyncAddon::moduleFields());
$q = qbo_test_consent(qbo_oauth_url($c), $realm);
qbo_oauth_exchange($c, $q['code'], $q['state'], $q['realmId']);

function page(string $method, string $query, array $post = []): array
{
    $cmd = array_merge(eng_php_command(), [__DIR__ . '/whmcs/admin/harness.php', 'request', $method, "module=qbosync&$query",
        json_encode($post), json_encode(['adminid' => 1, 'qbosync_csrf' => 'tok745'])]);
    $p = proc_open($cmd, [1 => ['pipe', 'w'], 2 => ['pipe', 'w']], $pipes, null, getenv());
    $out = stream_get_contents($pipes[1]);
    stream_get_contents($pipes[2]);
    proc_close($p);
    return ['out' => $out, 'json' => json_decode(substr($out, 0, (int)strpos($out, "status: ") ?: strlen($out)), true)];
}
$before = [count(eng_qbo_all($realm, 'Customer')), count(eng_qbo_all($realm, 'Invoice'))];
$r = page('POST', 'page=push', ['qbosync_token' => 'tok745', 'kinds' => ['customer', 'invoice'], 'dry_run' => '1']);
echo "started: ", str_contains($r['out'], 'The dry run started.') ? 'yes' : 'no', "\n";
echo "step without the token: ", str_contains(page('POST', 'page=push&ajax=step')['out'], 'security token is missing') ? 'refused' : 'accepted', "\n";
for ($i = 0; $i < 40; $i++) {
    $st = page('POST', 'page=push&ajax=step', ['qbosync_token' => 'tok745'])['json']['status'];
    if ($st['state'] !== 'running') {
        break;
    }
}
$actions = array_count_values(array_map(fn($x) => "{$x['kind']} {$x['action']}",
    array_filter($st['report'], fn($x) => in_array($x['kind'], ['customer', 'invoice'], true))));
ksort($actions);
echo "dry run: {$st['state']}, dry_run ", json_encode($st['dry_run']), ", would: ", json_encode($actions), "\n";
echo "QuickBooks unchanged by the dry run: ", json_encode($before === [count(eng_qbo_all($realm, 'Customer')), count(eng_qbo_all($realm, 'Invoice'))]), "\n";

page('POST', 'page=push', ['qbosync_token' => 'tok745', 'kinds' => ['customer', 'invoice']]);
$r = page('POST', 'page=push', ['qbosync_token' => 'tok745', 'action' => 'cancel']);
echo "cancel: ", str_contains($r['out'], 'The push is cancelled.') ? 'yes' : 'no', ", state ", qbo_history_status($c)['state'], "\n";
$r = page('GET', 'page=push');
echo "page after a reload shows the job: ", preg_match('/var initial = \{.*"state":"cancelled"/', $r['out']) ? 'yes' : 'no', "\n";
foreach (glob("$root/*") as $f) {
    @unlink($f);
}
@rmdir($root);
?>
--EXPECT--
started: yes
step without the token: refused
dry run: done, dry_run true, would: {"customer create":3,"invoice create":3}
QuickBooks unchanged by the dry run: true
cancel: yes, state cancelled
page after a reload shows the job: yes
