--TEST--
The realmId of the OAuth redirect goes into every API path: anything but a number of up to 32 digits is refused before the state is used or a token is asked for
--INI--
pcre.jit=0
--FILE--
<?php
require __DIR__ . '/transport.inc';
$realm = qbo_test_company();
$conn = qbo_connect(qbo_test_options());
$q = qbo_test_consent(qbo_oauth_url($conn), $realm);
foreach (['123/../456', "9341\r\n", str_repeat('9', 33), '12a'] as $bad) {
    try {
        qbo_oauth_exchange($conn, $q['code'], $q['state'], $bad);
        echo "accepted\n";
    } catch (QboSync\Exception $e) {
        echo get_class($e), ': ', $e->getMessage(), "\n";
    }
}
// the state and the code were not spent: the real realmId still connects
echo qbo_oauth_exchange($conn, $q['code'], $q['state'], $q['realmId'])['status'], "\n";
?>
--EXPECTF--
QboSync\ValidationException: The realmId from the OAuth redirect is missing, too long or not a number (QuickBooks company ids are up to 32 digits); start the connection again
QboSync\ValidationException: %s
QboSync\ValidationException: %s
QboSync\ValidationException: %s
Active
