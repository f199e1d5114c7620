--TEST--
OAuth: a state this store never issued is refused with an AuthException before the code is used
--FILE--
<?php
require __DIR__ . '/transport.inc';

$realm = qbo_test_company();
$conn = qbo_connect(qbo_test_options());
$back = qbo_test_consent(qbo_oauth_url($conn), $realm);
$forged = ($back['state'][0] === 'x' ? 'y' : 'x') . substr($back['state'], 1);
try {
    qbo_oauth_exchange($conn, $back['code'], $forged, $back['realmId']);
    echo "forged state accepted\n";
} catch (QboSync\AuthException $e) {
    echo get_class($e), "\n";
    var_dump(str_contains(strtolower($e->getMessage()), 'state'));
    // the message never repeats the code
    var_dump(str_contains($e->getMessage(), $back['code']));
}
var_dump(qbo_status($conn)['status']);
// nothing reached the token endpoint, so the genuine state still completes the flow
var_dump(count(tr_token_calls($realm)));
$st = qbo_oauth_exchange($conn, $back['code'], $back['state'], $back['realmId']);
var_dump($st['status']);
?>
--EXPECT--
QboSync\AuthException
bool(true)
bool(false)
string(13) "Not Connected"
int(0)
string(6) "Active"
