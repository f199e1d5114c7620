--TEST--
OAuth: a wrong client secret is invalid_client: an AuthException that says to check client_id and client_secret, without repeating the secret or the code
--FILE--
<?php
require __DIR__ . '/transport.inc';

$realm = qbo_test_company();
$secret = 'wrong-secret-' . bin2hex(random_bytes(8));
$conn = qbo_connect(qbo_test_options(['client_secret' => $secret]));
$back = qbo_test_consent(qbo_oauth_url($conn), $realm);
try {
    qbo_oauth_exchange($conn, $back['code'], $back['state'], $back['realmId']);
    echo "exchange accepted\n";
} catch (QboSync\AuthException $e) {
    $m = $e->getMessage();
    echo get_class($e), "\n";
    var_dump(str_contains($m, 'invalid_client'), str_contains($m, 'client_secret'));
    var_dump(str_contains($m, $secret), str_contains($m, $back['code']), str_contains((string)$e, $secret));
}
var_dump(qbo_status($conn)['status']);
?>
--EXPECT--
QboSync\AuthException
bool(true)
bool(true)
bool(false)
bool(false)
bool(false)
string(13) "Not Connected"
