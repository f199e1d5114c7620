--TEST--
invalid_grant: AuthException, connection Disconnected with a message, events stay queued; after a new OAuth exchange they are delivered
--FILE--
<?php
require __DIR__ . '/engine.inc';
[$conn, $realm, $opts] = qbo_test_connect();
qbo_push($conn, 'customer', eng_customer('1', 'Ada', 'Byron', 'ada@example.com'));
// the refresh token is revoked behind our back, and the access token is due for a refresh
$r = qbo_test_http('POST', '/v2/oauth2/tokens/revoke', ['token' => eng_unseal($opts['store'], 'refresh')],
    ['Authorization: Basic ' . base64_encode(QBO_TEST_CLIENT_ID . ':' . QBO_TEST_CLIENT_SECRET), 'Accept: application/json']);
echo "revoked: HTTP {$r['status']}\n";
eng_expire_access($opts['store']);
try {
    qbo_push($conn, 'invoice', eng_invoice('2', '1', '30.00', 'A-2'));
    echo "no exception\n";
} catch (QboSync\AuthException $e) {
    echo get_class($e), ": mentions reconnecting: ", var_export(str_contains($e->getMessage(), 'qbo_oauth_url'), true), "\n";
}
qbo_push($conn, 'payment', eng_payment('3', '1', '30.00', '2'), QBO_QUEUE_ONLY);
$s = qbo_status($conn);
echo "status: {$s['status']}, message says invalid_grant: ", var_export(str_contains((string)$s['message'], 'invalid_grant'), true), ", queued {$s['queued']}\n";
try {
    qbo_sync($conn);
    echo "sync ran\n";
} catch (QboSync\AuthException $e) {
    echo "sync: AuthException\n";
}
foreach (qbo_entities($conn) as $e) {
    echo "{$e['kind']} {$e['id']}: {$e['state']}, queued ", var_export($e['queued'], true), "\n";
}
echo "QBO invoices A-2: ", eng_qbo_count($realm, 'Invoice', 'DocNumber', 'A-2'), "\n";
// reconnect: a new consent and exchange on the same connection
$q = qbo_test_consent(qbo_oauth_url($conn), $realm);
$st = qbo_oauth_exchange($conn, $q['code'], $q['state'], $q['realmId']);
echo "after exchange: {$st['status']}\n";
$r = qbo_sync($conn);
echo "sync: delivered {$r['delivered']}, remaining {$r['remaining']}\n";
foreach (qbo_entities($conn) as $e) {
    echo "{$e['kind']} {$e['id']}: {$e['state']}\n";
}
echo "QBO: invoices A-2 ", eng_qbo_count($realm, 'Invoice', 'DocNumber', 'A-2'), ", payments ", eng_qbo_payments_marked($realm, '3'), "\n";
?>
--EXPECT--
revoked: HTTP 200
QboSync\AuthException: mentions reconnecting: true
status: Disconnected, message says invalid_grant: true, queued 2
sync: AuthException
customer 1: Synced, queued false
invoice 2: Not Tried, queued true
payment 3: Not Tried, queued true
QBO invoices A-2: 0
after exchange: Active
sync: delivered 2, remaining 0
customer 1: Synced
invoice 2: Synced
payment 3: Synced
QBO: invoices A-2 1, payments 1
