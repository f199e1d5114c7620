--TEST--
OAuth: a state is single use: replaying it with a second code is refused and never reaches the token endpoint
--FILE--
<?php
require __DIR__ . '/transport.inc';

$realm = qbo_test_company();
$conn = qbo_connect(qbo_test_options());
$url = qbo_oauth_url($conn);
$first = qbo_test_consent($url, $realm);
var_dump(qbo_oauth_exchange($conn, $first['code'], $first['state'], $first['realmId'])['status']);
// the same authorization URL consented again: a fresh code, the same (now used) state
$second = qbo_test_consent($url, $realm);
var_dump($second['state'] === $first['state'], $second['code'] !== $first['code']);
try {
    qbo_oauth_exchange($conn, $second['code'], $second['state'], $second['realmId']);
    echo "replayed state accepted\n";
} catch (QboSync\AuthException $e) {
    echo get_class($e), "\n";
    var_dump(str_contains(strtolower($e->getMessage()), 'state'));
}
// one code exchange only: the replay was stopped locally
print_r(array_values(array_filter(tr_token_calls($realm), fn($c) => str_starts_with($c, 'authorization_code'))));
// and the connection made by the first exchange is intact
var_dump(qbo_status($conn)['status']);
?>
--EXPECT--
string(6) "Active"
bool(true)
bool(true)
QboSync\AuthException
bool(true)
Array
(
    [0] => authorization_code 200
)
string(6) "Active"
