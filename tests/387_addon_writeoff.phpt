--TEST--
The addon and write-offs: the Accounts page offers the bad-debt account (Income types) and creates "Bad Debts" for purpose writeoff; an invoice the admin moves to Collections is written off through the addon's hooks (its QBO balance 0, the memo booked to that account); the Overview counts write-offs against WHMCS's Collections invoices and the Entities page lists them
--FILE--
<?php
require __DIR__ . '/engine.inc';
$root = sys_get_temp_dir() . '/qbosync-387-' . getmypid();
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

function page(string $method, string $query, array $post = []): array
{
    $cmd = array_merge(eng_php_command(), [__DIR__ . '/whmcs/admin/harness.php', 'request', $method, "module=qbosync&$query",
        json_encode($post), json_encode(['adminid' => 1, 'qbosync_csrf' => 'tok387'])]);
    $p = proc_open($cmd, [1 => ['pipe', 'w'], 2 => ['pipe', 'w']], $pipes, null, getenv());
    $out = stream_get_contents($pipes[1]);
    stream_get_contents($pipes[2]);
    proc_close($p);
    return ['out' => $out];
}
$r = page('GET', 'page=accounts');
echo "accounts page offers it: ", str_contains($r['out'], 'Bad debt (invoices in Collections, written off)') ? 'yes' : 'no', "\n";
$r = page('POST', 'page=accounts', ['qbosync_token' => 'tok387', 'action' => 'create', 'purpose' => 'writeoff']);
$m = array_values(array_filter(qbo_mappings($c, 'account'), fn($m) => $m['purpose'] === 'writeoff'))[0];
$a = qbo_test_api($realm, 'GET', "account/{$m['qbo_id']}")['json']['Account'];
echo "created: \"{$a['Name']}\" ({$a['AccountType']}), mapped for {$m['local_id']}\n";

$cid = whmcs()->addClient(['firstname' => 'Never', 'lastname' => 'Pays', 'email' => 'never387@example.com']);
$inv = whmcs()->createInvoice($cid, [['type' => 'Hosting', 'description' => 'Hosting', 'amount' => '25.00']]);
qbo_sync($c);
whmcs()->setCollections($inv, true);
qbo_sync($c);
$w = qbo_entities($c, ['kind' => 'writeoff', 'id' => (string)$inv])[0];
$memo = qbo_test_api($realm, 'GET', "creditmemo/{$w['qbo_id']}")['json']['CreditMemo'];
$item = qbo_test_api($realm, 'GET', "item/{$memo['Line'][0]['SalesItemLineDetail']['ItemRef']['value']}")['json']['Item'];
$i = qbo_entities($c, ['kind' => 'invoice', 'id' => (string)$inv])[0];
echo "Collections: write-off {$w['state']} {$memo['TotalAmt']}, booked to account ", $item['IncomeAccountRef']['value'] === $a['Id'] ? $a['Name'] : $item['IncomeAccountRef']['value'],
    "; invoice QBO balance ", qbo_test_api($realm, 'GET', "invoice/{$i['qbo_id']}")['json']['Invoice']['Balance'], "\n";
$r = page('GET', 'page=overview');
echo "overview row: ", preg_match('#<td>Write-off \(Collections\)</td><td class="num">1</td><td class="num">1</td>#', $r['out']) ? 'WHMCS 1, QuickBooks 1' : 'missing', "\n";
$r = page('GET', 'page=entities&kind=writeoff');
echo "entities page lists it: ", str_contains($r['out'], 'Write-off (Collections)') && str_contains($r['out'], '>Synced<') ? 'yes' : 'no', "\n";
foreach (glob("$root/*") as $f) {
    @unlink($f);
}
@rmdir($root);
?>
--EXPECT--
accounts page offers it: yes
created: "Bad Debts" (Income), mapped for *
Collections: write-off Synced 25, booked to account Bad Debts; invoice QBO balance 0
overview row: WHMCS 1, QuickBooks 1
entities page lists it: yes
