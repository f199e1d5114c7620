--TEST--
OAuth: invalid_grant turns the connection Disconnected with an AuthException, keeps the queued records, and after reconnecting they are delivered once
--FILE--
<?php
require __DIR__ . '/transport.inc';

[$conn, $realm, $opts] = qbo_test_connect(['delivery' => 'inline']);
$tag = bin2hex(random_bytes(4));
var_dump(qbo_push($conn, 'customer', tr_customer('1', $tag))['state']);

// the user disconnects the app at Intuit: every token of this app for the company is revoked
var_dump(tr_revoke(tr_open_token($opts['store'], 'refresh')));

try {
    qbo_push($conn, 'customer', tr_customer('2', $tag));
    echo "push after revoke did not throw\n";
} catch (QboSync\AuthException $e) {
    echo get_class($e), "\n";
    var_dump(str_contains($e->getMessage(), 'invalid_grant'), str_contains($e->getMessage(), 'Disconnected'));
}
// queued while disconnected: recorded, not lost
try {
    qbo_push($conn, 'customer', tr_customer('3', $tag));
} catch (QboSync\AuthException $e) {
    echo "third push: AuthException\n";
}
$st = qbo_status($conn);
var_dump($st['status'], $st['queued']);
foreach (qbo_entities($conn, ['kind' => 'customer']) as $ent) {
    echo $ent['id'], ': ', $ent['state'], "\n";
}
var_dump(count(tr_qbo_customers($realm, "Transport Test $tag 2")));

// reconnect the same store through the OAuth flow, then deliver what waited
$back = qbo_test_consent(qbo_oauth_url($conn), $realm);
var_dump(qbo_oauth_exchange($conn, $back['code'], $back['state'], $back['realmId'])['status']);
$res = qbo_sync($conn);
var_dump($res['delivered'], $res['remaining']);
foreach ([1, 2, 3] as $i) {
    echo "customer $i in QBO: ", count(tr_qbo_customers($realm, "Transport Test $tag $i")), "\n";
}
foreach (qbo_entities($conn, ['kind' => 'customer']) as $ent) {
    echo $ent['id'], ': ', $ent['state'], "\n";
}
var_dump(qbo_status($conn)['status']);
?>
--EXPECT--
string(6) "Synced"
int(200)
QboSync\AuthException
bool(true)
bool(true)
third push: AuthException
string(12) "Disconnected"
int(2)
1: Synced
2: Not Tried
3: Not Tried
int(0)
string(6) "Active"
int(2)
int(0)
customer 1 in QBO: 1
customer 2 in QBO: 1
customer 3 in QBO: 1
1: Synced
2: Synced
3: Synced
string(6) "Active"
