--TEST--
The webhook verifier token (connect option or INI qbosync.webhook_verifier) is used but never shown: not in var_dump, phpinfo, ini_get, exceptions or the log
--INI--
qbosync.webhook_verifier=ini-verifier-5f2c9a
--FILE--
<?php
require __DIR__ . '/engine.inc';
[$conn, $realm, $options] = qbo_test_connect(['webhook_verifier' => 'opt-verifier-81d3e7']);
$secrets = ['opt-verifier-81d3e7', 'ini-verifier-5f2c9a'];
$seen = function (string $where, string $text) use ($secrets) {
    foreach ($secrets as $s) {
        if (str_contains($text, $s)) { echo "LEAK in $where\n"; }
    }
};
ob_start(); var_dump($conn); $seen('var_dump', ob_get_clean());
ob_start(); phpinfo(INFO_MODULES); $info = ob_get_clean(); $seen('phpinfo', $info);
echo "ini_get: ", ini_get('qbosync.webhook_verifier'), " ini_get_all: ", ini_get_all('qbosync')['qbosync.webhook_verifier']['local_value'], " get_cfg_var: ", get_cfg_var('qbosync.webhook_verifier'), "\n";
$seen('ini_get_all', var_export(ini_get_all(null, false), true));
echo "phpinfo shows: ", preg_match('/qbosync\.webhook_verifier\s*=>\s*\(set\)/', $info) ? '(set)' : 'something else', "\n";
$body = '{"eventNotifications":[]}';
try { qbo_webhook($conn, $body, base64_encode(hash_hmac('sha256', $body, 'wrong', true))); }
catch (QboSync\AuthException $e) { $seen('exception', $e->getMessage() . $e->getTraceAsString() . print_r($e, true)); echo "refused\n"; }
$r = qbo_webhook($conn, $body, base64_encode(hash_hmac('sha256', $body, 'opt-verifier-81d3e7', true)));
echo "option verifier: accepted ", $r['accepted'], "\n";
$seen('log', json_encode(qbo_log($conn)));
// the INI one when the option is absent
$ini = qbo_connect(qbo_test_options(['store' => $options['store']]));
try { qbo_webhook($ini, $body, base64_encode(hash_hmac('sha256', $body, 'opt-verifier-81d3e7', true))); } catch (QboSync\AuthException $e) { echo "other key refused\n"; }
echo "ini verifier: ", count(qbo_webhook($ini, $body, base64_encode(hash_hmac('sha256', $body, 'ini-verifier-5f2c9a', true)))['events']), " events\n";
?>
--EXPECT--
ini_get: (set) ini_get_all: (set) get_cfg_var: (set)
phpinfo shows: (set)
refused
option verifier: accepted 0
other key refused
ini verifier: 0 events
