--TEST--
OAuth: with refresh_margin longer than the token's life the engine refreshes before calling QBO (no endless loop) and never meets a 401
--FILE--
<?php
require __DIR__ . '/transport.inc';

[$conn, $realm, $opts] = qbo_test_connect(['delivery' => 'inline', 'refresh_margin' => 4000]);
$before = tr_open_token($opts['store'], 'access');
$tag = bin2hex(random_bytes(4));
var_dump(qbo_push($conn, 'customer', tr_customer('1', $tag))['state']);
var_dump(count(tr_qbo_customers($realm, "Transport Test $tag 1")));

$calls = tr_token_calls($realm);
var_dump($calls[0], count(array_keys($calls, 'refresh_token 200', true)) >= 1,
    count($calls) === count(array_keys($calls, 'refresh_token 200', true)) + 1);
var_dump(in_array(401, tr_api_statuses($realm), true));
var_dump(tr_open_token($opts['store'], 'access') !== $before);
?>
--EXPECT--
string(6) "Synced"
int(1)
string(22) "authorization_code 200"
bool(true)
bool(true)
bool(false)
bool(true)
