--TEST--
The addon's Entities page: a Synced record whose newer version waits in the outbox shows "Update queued" with the version QuickBooks holds and the one queued (a changed document, then a Resend on top of it), and Synced again once delivered; a Synced record with nothing queued and a record never sent keep their states
--FILE--
<?php
require __DIR__ . '/engine.inc';
$root = sys_get_temp_dir() . '/qbosync-763-' . getmypid();
@mkdir($root);
putenv("WHMCS_HARNESS_DB=$root/whmcs.sqlite");
putenv("WHMCS_HARNESS_ROOT=$root");
require __DIR__ . '/whmcs/whmcs.inc';
define('ROOTDIR', $root);
$realm = qbo_test_company();
$dir = dirname(__DIR__) . '/modules/addons/qbosync';
whmcs_addon_activate($dir, 'qbosync', ['environment' => qbo_test_sandbox(), 'client_id' => QBO_TEST_CLIENT_ID,
    'client_secret' => QBO_TEST_CLIENT_SECRET, 'encryption_key' => QBO_TEST_KEY, 'store' => qbo_test_store(), 'delivery' => 'worker',
    'redirect_uri' => QBO_TEST_REDIRECT]);
$c = QbosyncAddon::connect(QbosyncAddon::moduleFields());
$q = qbo_test_consent(qbo_oauth_url($c), $realm);
qbo_oauth_exchange($c, $q['code'], $q['state'], $q['realmId']);

/** The Entities page's state cell of each customer row, as text. */
function states(): string
{
    $cmd = array_merge(eng_php_command(), [__DIR__ . '/whmcs/admin/harness.php', 'request', 'GET', 'module=qbosync&page=entities&kind=customer',
        '[]', json_encode(['adminid' => 1, 'qbosync_csrf' => 'tok763'])]);
    $p = proc_open($cmd, [1 => ['pipe', 'w'], 2 => ['pipe', 'w']], $pipes, null, getenv());
    $out = stream_get_contents($pipes[1]);
    $err = stream_get_contents($pipes[2]);
    proc_close($p);
    preg_match_all('~<tr id="qs-row-customer-(\w+)" data-state="([^"]*)">.*?<td class="qs-state">(.*?)</td>~s', $out, $m, PREG_SET_ORDER);
    if (!$m) {
        throw new RuntimeException("no customer rows: $out $err");
    }
    $cell = fn(string $html) => trim(preg_replace('/\s+/', ' ', strip_tags(preg_replace('~<span class="qs-hint">(.*?)</span>~s', '[$1]', $html))));
    return implode('; ', array_map(fn($r) => "$r[1] ($r[2]): " . $cell($r[3]), $m));
}
qbo_push($c, 'customer', eng_customer('u1', 'Una', 'Update', 'una763@example.com'));
qbo_push($c, 'customer', eng_customer('u2', 'Ugo', 'Unchanged', 'ugo763@example.com'));
qbo_sync($c);
qbo_push($c, 'customer', eng_customer('u3', 'Uma', 'Unsent', 'uma763@example.com'));
echo "synced: ", states(), "\n";
qbo_push($c, 'customer', eng_customer('u1', 'Una', 'Updated', 'una763@example.com'));
echo "changed: ", states(), "\n";
qbo_resend($c, 'customer', 'u1');
echo "resent: ", states(), "\n";
qbo_sync($c);
echo "delivered: ", states(), "\n";
echo "QuickBooks: ", eng_qbo_count($realm, 'Customer', 'DisplayName', 'Una Updated'), "\n";
foreach (glob("$root/*") as $f) {
    @unlink($f);
}
@rmdir($root);
?>
--EXPECT--
synced: u1 (Synced): Synced; u2 (Synced): Synced; u3 (Not Tried): Not Tried
changed: u1 (Synced): Update queued [QuickBooks holds version 1; version 2 is queued]; u2 (Synced): Synced; u3 (Not Tried): Not Tried
resent: u1 (Synced): Update queued [QuickBooks holds version 1; version 3 is queued]; u2 (Synced): Synced; u3 (Not Tried): Not Tried
delivered: u1 (Synced): Synced; u2 (Synced): Synced; u3 (Synced): Synced
QuickBooks: 1
