--TEST--
The qbosync WHMCS addon in the harness: activate (its fields, its settings table), hooks.php hands every event to qbo_hook (a new client reaches QuickBooks), each QuickBooks exchange is in WHMCS's module log without a secret, deactivate drops the table
--FILE--
<?php
require __DIR__ . '/engine.inc';
require __DIR__ . '/whmcs/whmcs.inc';
$root = sys_get_temp_dir() . '/qbosync-742-' . getmypid();
@mkdir($root);
define('ROOTDIR', $root);
file_put_contents("$root/configuration.php", "<?php\n\$db_host = 'db.internal';\n\$db_username = 'whmcs';\n\$db_password = 'pw';\n\$db_name = 'whmcs';\n");
$realm = qbo_test_company();
$store = qbo_test_store();
whmcs()->exec("INSERT INTO tblconfiguration VALUES('SystemURL', 'https://billing.example.com/')");
$dir = dirname(__DIR__) . '/modules/addons/qbosync';
$r = whmcs_addon_activate($dir, 'qbosync', ['environment' => qbo_test_sandbox(), 'client_id' => QBO_TEST_CLIENT_ID,
    'client_secret' => QBO_TEST_CLIENT_SECRET, 'encryption_key' => QBO_TEST_KEY, 'store' => $store, 'delivery' => 'inline',
    'redirect_uri' => QBO_TEST_REDIRECT]);
echo "activate: {$r['status']}\n";
echo "fields: ", implode(',', array_keys(qbosync_config()['fields'])), "\n";
echo "settings table: ", count(whmcs()->q("SELECT name FROM sqlite_master WHERE name = 'mod_qbosync_settings'")), "\n";
$hooks = (fn() => $this->hooks)->call(whmcs());
echo "hooks: ", count(array_intersect(QbosyncAddon::EVENTS, array_keys($hooks))), " of ", count(QbosyncAddon::EVENTS), "\n";
echo "redirect URI: ", QbosyncAddon::redirectUri(['redirect_uri' => '']), ", set: ", QbosyncAddon::redirectUri(QbosyncAddon::moduleFields()), "\n";

// connect as Settings & Logs does: the consent page, then the callback's exchange
$c = QbosyncAddon::connect(QbosyncAddon::moduleFields());
$q = qbo_test_consent(qbo_oauth_url($c), $realm);
echo "connected: ", qbo_oauth_exchange($c, $q['code'], $q['state'], $q['realmId'])['status'], "\n";
$id = whmcs()->addClient(['firstname' => 'Hook', 'lastname' => 'Client', 'email' => 'hook742@example.com']);
$e = qbo_entities($c, ['kind' => 'customer', 'id' => (string)$id])[0];
echo "client $id: {$e['state']}, in QuickBooks: ", eng_qbo_count($realm, 'Customer', 'PrimaryEmailAddr.Address', 'hook742@example.com'), "\n";

$rows = whmcs()->q("SELECT action, request, response, arrdata FROM tblmodulelog WHERE module = 'qbosync'");
$secrets = [QBO_TEST_CLIENT_SECRET, eng_unseal($store, 'refresh'), eng_unseal($store, 'access'), $q['code']];
$leaks = 0;
foreach ($rows as $row) {
    foreach ($secrets as $s) {
        $leaks += substr_count(implode(' ', $row), $s);
    }
}
$actions = array_column($rows, 'action');
echo "module log: token exchange ", in_array('POST /oauth2/v1/tokens/bearer', $actions, true) ? 'yes' : 'no',
    ", customer sent ", count(preg_grep('~^POST /v3/company/\d+/customer$~', $actions)) ? 'yes' : 'no', ", secrets: $leaks\n";
echo "processed data: ", json_encode(array_keys(json_decode($rows[0]['arrdata'], true))), "\n";

$d = whmcs_addon_deactivate($dir, 'qbosync');
echo "deactivate: {$d['status']}, settings table: ", count(whmcs()->q("SELECT name FROM sqlite_master WHERE name = 'mod_qbosync_settings'")), "\n";
@unlink("$root/configuration.php");
@rmdir($root);
?>
--EXPECT--
activate: success
fields: environment,client_id,client_secret,encryption_key,store,delivery,webhook_verifier,redirect_uri
settings table: 1
hooks: 20 of 20
redirect URI: https://billing.example.com/admin/addonmodules.php?module=qbosync&page=callback, set: http://127.0.0.1/callback
connected: Active
client 1: Synced, in QuickBooks: 1
module log: token exchange yes, customer sent yes, secrets: 0
processed data: ["status","intuit_tid"]
deactivate: success, settings table: 0
