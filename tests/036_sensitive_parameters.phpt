--TEST--
Secrets passed to qbo_connect() and qbo_oauth_exchange() never appear in an exception's trace or text
--INI--
zend.exception_ignore_args=0
zend.exception_string_param_max_len=1000000
--FILE--
<?php
require __DIR__ . '/qbo.inc';
$secret = 'client-secret-' . bin2hex(random_bytes(8));
$code = 'auth-code-' . bin2hex(random_bytes(8));
try {
    qbo_connect(['store' => qbo_test_store(), 'client_id' => 'sens', 'client_secret' => $secret, 'delivery' => 'never']);
} catch (ValueError $e) {
    echo get_class($e->getTrace()[0]['args'][0]), "\n";
    var_dump(str_contains((string)$e, $secret), str_contains(print_r($e->getTrace(), true), $secret));
}
$c = qbo_connect(['store' => qbo_test_store(), 'client_id' => 'sens', 'client_secret' => $secret,
    'redirect_uri' => 'http://127.0.0.1/cb', 'encryption_key' => QBO_TEST_KEY, 'environment' => 'http://127.0.0.1:9']);
try {
    qbo_oauth_exchange($c, $code, 'not-a-state-we-issued', '123');
} catch (QboSync\AuthException $e) {
    $args = $e->getTrace()[0]['args'];
    echo get_debug_type($args[1]), ' ', $args[2], "\n";
    var_dump(str_contains((string)$e, $code), str_contains($e->getMessage(), $secret));
}
?>
--EXPECT--
SensitiveParameterValue
bool(false)
bool(false)
SensitiveParameterValue not-a-state-we-issued
bool(false)
bool(false)
