--TEST--
OAuth: when the sandbox clock passes the access token's expiry, the 401 is answered by one refresh and the push still lands
--CONFLICTS--
all
--FILE--
<?php
require __DIR__ . '/transport.inc';

[$conn, $realm, $opts] = qbo_test_connect(['delivery' => 'inline']);
$tag = bin2hex(random_bytes(4));
var_dump(qbo_push($conn, 'customer', tr_customer('1', $tag))['state']);
$before = tr_open_token($opts['store'], 'access');

// an hour and a bit later at QuickBooks; the engine's own clock still thinks the token is fresh
qbo_test_clock(3700);
try {
    $st = qbo_push($conn, 'customer', tr_customer('2', $tag));
} finally {
    qbo_test_clock(-3700);
}
var_dump($st['state']);
var_dump(count(tr_qbo_customers($realm, "Transport Test $tag 2")));

// the sandbox saw one 401, one refresh, and the token in the store is a new one
$statuses = tr_api_statuses($realm);
var_dump(count(array_keys($statuses, 401, true)));
print_r(tr_token_calls($realm));
var_dump(tr_open_token($opts['store'], 'access') !== $before);
var_dump(qbo_status($conn)['status']);
?>
--EXPECT--
string(6) "Synced"
string(6) "Synced"
int(1)
int(1)
Array
(
    [0] => authorization_code 200
    [1] => refresh_token 200
)
bool(true)
string(6) "Active"
