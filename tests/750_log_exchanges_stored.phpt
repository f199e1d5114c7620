--TEST--
Exchange log: every QuickBooks exchange (token call, lookups, writes) is a row of the store's log with its record, method, path, HTTP status, QBO fault code, the sandbox's intuit_tid and the time taken; with log_bodies "all" the bodies are kept and no secret (client secret, authorization code, access and refresh tokens, encryption key) is anywhere in the stored text
--FILE--
<?php
require __DIR__ . '/engine.inc';
$opts = qbo_test_options(['delivery' => 'inline', 'log_bodies' => 'all']);
$realm = qbo_test_company();
$conn = qbo_connect($opts);
$q = qbo_test_consent(qbo_oauth_url($conn), $realm);
qbo_oauth_exchange($conn, $q['code'], $q['state'], $q['realmId']);

// the customer's create fails once with QBO's 500 SystemFault (code 10000), then goes through
qbo_test_fault(['kind' => '500', 'realm' => $realm, 'method' => 'POST', 'path' => '/v3/company/*/customer', 'count' => 1]);
$s = qbo_push($conn, 'customer', eng_customer('7', 'Lena', 'Log', 'lena@example.com'));
echo "first push: ", $s['state'], ", queued: ", var_export($s['queued'], true), "\n";
qbo_sync($conn);
echo "customer 7: ", qbo_entities($conn, ['kind' => 'customer', 'id' => '7'])[0]['state'], "\n";

$x = qbo_log($conn, ['type' => 'exchange', 'limit' => 1000]);
echo "exchanges: ", count($x) >= 4 ? 'several' : count($x), ", all of type exchange: ", var_export(array_unique(array_column($x, 'type')) === ['exchange'], true), "\n";
$token = array_values(array_filter($x, fn($r) => $r['path'] === '/oauth2/v1/tokens/bearer'));
echo "token call: ", count($token), " ", $token[0]['method'], " ", $token[0]['status'], ", code removed: ",
    preg_match('/(^|&)code=\*\*\*(&|$)/', $token[0]['request']) ? 'yes' : 'no', ", tokens removed: ",
    str_contains($token[0]['response'], '"access_token":"***"') && str_contains($token[0]['response'], '"refresh_token":"***"') ? 'yes' : 'no', "\n";

// the failed create: the record, 500, code 10000, the sandbox's intuit_tid of that request
$sbx = array_values(array_filter(eng_requests($realm, '/v3/company/*/customer', 'POST'), fn($r) => $r['status'] === 500));
$fail = array_values(array_filter($x, fn($r) => $r['status'] === 500));
echo "failed create: ", count($fail), " row, ", $fail[0]['kind'], " ", $fail[0]['id'], " ", $fail[0]['method'], " ",
    preg_replace('~\d{6,}~', 'REALM', $fail[0]['path']), ", level ", $fail[0]['level'], ", code ", $fail[0]['code'], "\n";
echo "  intuit_tid is the sandbox's: ", var_export($fail[0]['intuit_tid'] !== null && $fail[0]['intuit_tid'] === $sbx[0]['intuit_tid'], true),
    ", ms: ", var_export(is_float($fail[0]['ms']) && $fail[0]['ms'] >= 0, true), ", response kept: ",
    var_export(str_contains($fail[0]['response'], '10000'), true), ", message: ", preg_replace('~\d{6,}~', 'REALM', $fail[0]['message']), "\n";
$ok = array_values(array_filter($x, fn($r) => $r['status'] === 200 && $r['kind'] === 'customer' && $r['method'] === 'POST'));
echo "successful create: ", count($ok) >= 1 ? 'yes' : 'no', ", code ", var_export($ok[0]['code'], true), ", level ", $ok[0]['level'],
    ", body names the customer: ", var_export(str_contains($ok[0]['request'], 'Lena Log'), true), "\n";
// every exchange's intuit_tid is one the sandbox sent
$tids = array_column(eng_requests($realm, '/v3/company/*'), 'intuit_tid');
$api = array_filter($x, fn($r) => str_starts_with($r['path'], '/v3/'));
echo "API rows with the sandbox's intuit_tid: ", count(array_filter($api, fn($r) => in_array($r['intuit_tid'], $tids, true))) === count($api) ? 'all' : 'not all', "\n";

// the stored text itself (both backends), searched for the real secret values
$rows = qbo_test_store_rows($opts['store'], 'SELECT * FROM log');
$text = json_encode($rows);
$secrets = ['client secret' => $opts['client_secret'], 'encryption key' => $opts['encryption_key'], 'auth code' => $q['code'],
    'access token' => eng_unseal($opts['store'], 'access'), 'refresh token' => eng_unseal($opts['store'], 'refresh')];
foreach ($secrets as $what => $s) {
    echo "$what in the stored log: ", $s !== '' && str_contains($text, $s) ? 'FOUND' : 'no', "\n";
}
echo "Authorization header stored: ", str_contains($text, "Bearer ") || str_contains($text, "Authorization:") || str_contains($text, "Basic ") ? "yes" : "no", "\n";
?>
--EXPECTF--
first push: %s, queued: true
customer 7: Synced
exchanges: several, all of type exchange: true
token call: 1 POST 200, code removed: yes, tokens removed: yes
failed create: 1 row, customer 7 POST /v3/company/REALM/customer?minorversion=%d&requestid=%s, level warn, code 10000
  intuit_tid is the sandbox's: true, ms: true, response kept: true, message: POST /v3/company/REALM/customer: HTTP 500, %s
successful create: yes, code NULL, level info, body names the customer: true
API rows with the sandbox's intuit_tid: all
client secret in the stored log: no
encryption key in the stored log: no
auth code in the stored log: no
access token in the stored log: no
refresh token in the stored log: no
Authorization header stored: no
