--TEST--
OAuth: code exchange connects the company (status Active, realm recorded) with one authorization_code grant
--FILE--
<?php
require __DIR__ . '/transport.inc';

$realm = qbo_test_company();
$conn = qbo_connect(qbo_test_options());
var_dump(qbo_status($conn)['status']);
$back = qbo_test_consent(qbo_oauth_url($conn), $realm);
$st = qbo_oauth_exchange($conn, $back['code'], $back['state'], $back['realmId']);
var_dump($st['status'], $st['realm'] === $realm);
$st = qbo_status($conn);
var_dump($st['status'], $st['realm'] === $realm);
// the sandbox saw exactly one code exchange for this company, and it succeeded
print_r(array_values(array_filter(tr_token_calls($realm), fn($c) => str_starts_with($c, 'authorization_code'))));
?>
--EXPECT--
string(13) "Not Connected"
string(6) "Active"
bool(true)
string(6) "Active"
bool(true)
Array
(
    [0] => authorization_code 200
)
