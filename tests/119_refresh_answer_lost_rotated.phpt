--TEST--
A refresh whose answer is lost after QuickBooks rotated the token (strict rotation): the next refresh meets invalid_grant and the connection says exactly that (reason refresh_answer_lost), tells on_disconnect once and the log; the records stay queued and go after reconnecting
--INI--
pcre.jit=0
--FILE--
<?php
require __DIR__ . '/transport.inc';

$app = qbo_test_http('POST', '/_sandbox/apps', ['name' => 'answer lost'])['json'];
$told = [];
$opts0 = ['delivery' => 'worker', 'timeout' => 2, 'client_id' => $app['client_id'], 'client_secret' => $app['client_secret'],
    'on_disconnect' => function (string $reason, string $message) use (&$told) { $told[] = [$reason, $message]; }];
[$conn, $realm, $opts] = qbo_test_connect($opts0);
qbo_test_rotation($realm, 'every');
// the token service rotates, then the answer is lost on the way (every time)
qbo_test_fault(['kind' => 'drop', 'when' => 'after', 'path' => '/oauth2/v1/tokens/bearer', 'client_id' => $app['client_id'], 'count' => 1]);
qbo_test_store_exec($opts['store'], 'UPDATE conn SET access_expires = 0');
qbo_push($conn, 'customer', tr_customer('1', 'lost'));
try {
    qbo_sync($conn);
    echo "sync returned\n";
} catch (QboSync\AuthException $e) {
    echo "sync: AuthException\n";
}
$s = qbo_status($conn);
echo "status: {$s['status']}, reason: {$s['reason']}, queued: {$s['queued']}\n";
echo "message: ", str_contains($s['message'], 'the answer to a token refresh was lost and QuickBooks had rotated the token; reconnect') ? 'says the answer was lost' : $s['message'], "\n";
echo "token calls: ", implode(', ', tr_token_calls($realm)), "\n";
echo "told: ", count($told), " time(s): ", $told[0][0] ?? '-', ", ", str_contains($told[0][1] ?? '', 'answer to a token refresh was lost') ? 'with the message' : 'without it', "\n";
$logged = qbo_test_store_rows($opts['store'], "SELECT level, message FROM log WHERE message LIKE 'QuickBooks connection Disconnected%'");
echo "log: ", count($logged), " ", $logged[0]['level'] ?? '-', " ", str_contains($logged[0]['message'] ?? '', 'refresh_answer_lost') ? 'names the reason' : '', "\n";
// later calls do not tell again
try {
    qbo_sync($conn);
} catch (QboSync\AuthException $e) {
}
echo "told after another sync: ", count($told), "\n";

// reconnect: the queued record is delivered once
qbo_test_http('DELETE', '/_sandbox/faults', ['client_id' => $app['client_id']]);
$q = qbo_test_consent(qbo_oauth_url($conn), $realm);
qbo_oauth_exchange($conn, $q['code'], $q['state'], $q['realmId']);
qbo_sync($conn);
$s = qbo_status($conn);
echo "after reconnect: {$s['status']}, reason ", var_export($s['reason'], true), ", ", qbo_entities($conn)[0]['state'], ", ",
    count(tr_qbo_customers($realm, 'Transport Test lost 1')), " in QBO\n";
?>
--EXPECT--
sync: AuthException
status: Disconnected, reason: refresh_answer_lost, queued: 1
message: says the answer was lost
token calls: authorization_code 200, refresh_token 0, refresh_token 400
told: 1 time(s): refresh_answer_lost, with the message
log: 1 error names the reason
told after another sync: 1
after reconnect: Active, reason NULL, Synced, 1 in QBO
