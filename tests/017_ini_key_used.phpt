--TEST--
qbo_connect() uses the INI encryption key when the option is absent (tokens can be sealed), and says so when there is none
--INI--
qbosync.encryption_key=
--FILE--
<?php
require __DIR__ . '/qbo.inc';
var_dump(ini_get('qbosync.encryption_key'));
ob_start();
phpinfo(INFO_MODULES);
preg_match('/^qbosync\.encryption_key => (.*) => (.*)$/m', ob_get_clean(), $m);
echo $m[1], ' / ', $m[2], "\n";
// no key anywhere: the exchange refuses to store tokens, before any network call
$c = qbo_connect(['store' => qbo_test_store(), 'client_id' => 'k', 'client_secret' => 's', 'redirect_uri' => 'http://127.0.0.1/cb', 'environment' => 'http://127.0.0.1:9']);
try {
    qbo_oauth_exchange($c, 'code', 'state', '123');
} catch (QboSync\Exception $e) {
    echo get_class($e), ': ', str_contains($e->getMessage(), 'encryption') ? 'mentions the encryption key' : $e->getMessage(), "\n";
}
?>
--EXPECT--
string(0) ""
(not set) / (not set)
QboSync\Exception: mentions the encryption key
