--TEST--
The addon's webhook endpoint (a signed QuickBooks notification stored once, a forged one refused with 401) and the store choice "WHMCS's own database" (a mysql:// URL from configuration.php, its password as store_password, a clear message on a build without that store)
--FILE--
<?php
require __DIR__ . '/engine.inc';
require __DIR__ . '/whmcs/whmcs.inc';
$root = sys_get_temp_dir() . '/qbosync-744-' . getmypid();
@mkdir($root);
define('ROOTDIR', $root);
file_put_contents("$root/configuration.php", "<?php\n\$db_host = 'db.internal';\n\$db_port = '3307';\n\$db_username = 'whmcs user';\n"
    . "\$db_password = 'db-secret-744';\n\$db_name = 'whmcs';\n");
$app = qbo_test_http('POST', '/_sandbox/apps', ['name' => 'addon webhook ' . bin2hex(random_bytes(3))])['json'];
$realm = qbo_test_company();
$dir = dirname(__DIR__) . '/modules/addons/qbosync';
whmcs_addon_activate($dir, 'qbosync', ['environment' => qbo_test_sandbox(), 'client_id' => $app['client_id'],
    'client_secret' => $app['client_secret'], 'encryption_key' => QBO_TEST_KEY, 'store' => qbo_test_store(), 'delivery' => 'worker',
    'redirect_uri' => QBO_TEST_REDIRECT, 'webhook_verifier' => $app['verifier_token']]);
$c = QbosyncAddon::connect(QbosyncAddon::moduleFields());
$q = qbo_test_consent(qbo_oauth_url($c), $realm);
qbo_oauth_exchange($c, $q['code'], $q['state'], $q['realmId']);

qbo_test_http('POST', '/_sandbox/webhooks', ['url' => 'http://127.0.0.1:9/hook', 'format' => 'legacy', 'app' => $app['client_id']]);
qbo_test_api($realm, 'POST', 'customer', ['DisplayName' => 'Made in QuickBooks']);
qbo_test_http('POST', '/_sandbox/webhooks/flush');
$d = qbo_test_http('GET', '/_sandbox/webhooks/deliveries?' . http_build_query(['app' => $app['client_id'], 'realm' => $realm]))['json']['deliveries'];
$d = end($d);
echo "signed: ", json_encode(QbosyncAddon::webhook($d['body'], $d['signature'])), "\n";
echo "replayed: ", json_encode(QbosyncAddon::webhook($d['body'], $d['signature'])), "\n";
[$status, $answer] = QbosyncAddon::webhook($d['body'], base64_encode(hash_hmac('sha256', $d['body'], 'forged', true)));
echo "forged: $status {$answer['error']}\n";
echo "events: ", count(qbo_events($c)), "\n";

QbosyncAddon::saveSetting('store_choice', 'whmcs');
[$store, $password] = QbosyncAddon::storeOption(QbosyncAddon::moduleFields());
echo "WHMCS's database: $store, password ", $password === 'db-secret-744' ? 'from configuration.php' : 'missing', "\n";
$a = new QbosyncAddon(['modulelink' => 'addonmodules.php?module=qbosync']);
$conn = $a->conn();
if ($conn) {
    echo "connected to the MySQL store\n";
} else {
    echo "no connection: ", $a->connectionError(), "\n";
}
QbosyncAddon::saveSetting('store_choice', 'file');
echo "back to the file: ", QbosyncAddon::storeOption(QbosyncAddon::moduleFields())[1] === null ? 'no password' : 'password', "\n";
@unlink("$root/configuration.php");
@rmdir($root);
?>
--EXPECTF--
signed: [200,{"accepted":1,"duplicates":0}]
replayed: [200,{"accepted":0,"duplicates":1}]
forged: 401 webhook signature does not match: check webhook_verifier
events: 1
WHMCS's database: mysql://whmcs%20user@db.internal:3307/whmcs?prefix=qbosync_, password from configuration.php
%s
back to the file: no password
