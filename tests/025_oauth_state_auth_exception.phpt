--TEST--
qbo_oauth_exchange() with a state this store never issued throws QboSync\AuthException and stores nothing
--FILE--
<?php
require __DIR__ . '/qbo.inc';
$c = qbo_connect(['store' => qbo_test_store(), 'client_id' => 'st', 'client_secret' => 'sec',
    'redirect_uri' => 'http://127.0.0.1/cb', 'encryption_key' => QBO_TEST_KEY, 'environment' => 'http://127.0.0.1:9']);
try {
    qbo_oauth_exchange($c, 'some-code', 'forged-state', '9341453100000001');
    echo "accepted\n";
} catch (QboSync\AuthException $e) {
    echo get_class($e), ' (code ', $e->getCode(), ")\n";
}
foreach ([['', 's', 'r'], ['c', '', 'r'], ['c', 's', '']] as [$code, $state, $realm]) {
    try {
        qbo_oauth_exchange($c, $code, $state, $realm);
    } catch (ValueError $e) {
        echo $e->getMessage(), "\n";
    }
}
var_dump(qbo_status($c)['status']);
?>
--EXPECT--
QboSync\AuthException (code 9)
qbo_oauth_exchange(): Argument #2 ($code) must not be empty (pass the redirect's code parameter)
qbo_oauth_exchange(): Argument #3 ($state) must not be empty (pass the redirect's state parameter)
qbo_oauth_exchange(): Argument #4 ($realmId) must not be empty (pass the redirect's realmId parameter)
string(13) "Not Connected"
