--TEST--
OAuth (strict rotation): the rotated refresh token is saved: the old one is refused by the token endpoint afterwards and the new one keeps the connection working
--FILE--
<?php
require __DIR__ . '/transport.inc';

[$conn, $realm, $opts] = qbo_test_connect(['delivery' => 'inline']);
qbo_test_rotation($realm, 'every');   // the stricter rotation: a new refresh token on every refresh
$old = tr_open_token($opts['store'], 'refresh');
$tag = bin2hex(random_bytes(4));

// the gateway refuses the next API call (token expired): the engine refreshes and the RT rotates
tr_fault_401($realm);
var_dump(qbo_push($conn, 'customer', tr_customer('1', $tag))['state']);
$new = tr_open_token($opts['store'], 'refresh');
var_dump(is_string($new) && $new !== $old);
print_r(tr_token_calls($realm));

// the pre-rotation refresh token is dead at the token endpoint (checked as curl would)
print_r(tr_try_refresh($old));

// a second rotation works from the saved token: the engine kept the live one
tr_fault_401($realm);
var_dump(qbo_push($conn, 'customer', tr_customer('2', $tag))['state']);
var_dump(count(tr_qbo_customers($realm, "Transport Test $tag 1")), count(tr_qbo_customers($realm, "Transport Test $tag 2")));
var_dump(tr_open_token($opts['store'], 'refresh') !== $new, qbo_status($conn)['status']);
?>
--EXPECT--
string(6) "Synced"
bool(true)
Array
(
    [0] => authorization_code 200
    [1] => refresh_token 200
)
Array
(
    [0] => 400
    [1] => invalid_grant
)
string(6) "Synced"
int(1)
int(1)
bool(true)
string(6) "Active"
