--TEST--
OAuth: without an encryption key the code exchange is refused, naming encryption_key, and nothing is stored or spent
--INI--
qbosync.encryption_key=
--FILE--
<?php
require __DIR__ . '/transport.inc';

$realm = qbo_test_company();
$opts = qbo_test_options();
unset($opts['encryption_key']);
$conn = qbo_connect($opts);
$back = qbo_test_consent(qbo_oauth_url($conn), $realm);
try {
    qbo_oauth_exchange($conn, $back['code'], $back['state'], $back['realmId']);
    echo "exchange accepted without a key\n";
} catch (QboSync\Exception $e) {
    $m = $e->getMessage();
    var_dump(str_contains($m, 'encryption_key'), str_contains($m, 'qbosync.encryption_key'));
}
var_dump(qbo_status($conn)['status']);
$row = tr_conn_row($opts['store']);
var_dump($row['access'] ?? null, $row['refresh'] ?? null);
// the refusal came before the token endpoint: the code was not spent
var_dump(tr_token_calls($realm));
// with the key set, the same code and state still complete the flow
$conn2 = qbo_connect($opts + ['encryption_key' => QBO_TEST_KEY]);
var_dump(qbo_oauth_exchange($conn2, $back['code'], $back['state'], $back['realmId'])['status']);
var_dump(is_string(tr_open_token($opts['store'], 'refresh')));
?>
--EXPECT--
bool(true)
bool(true)
string(13) "Not Connected"
NULL
NULL
array(0) {
}
string(6) "Active"
bool(true)
