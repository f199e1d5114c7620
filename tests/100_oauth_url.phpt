--TEST--
OAuth: the authorization URL names the app, scope, redirect_uri and response_type, url-encoded, with a fresh unguessable state each time
--FILE--
<?php
require __DIR__ . '/transport.inc';

$conn = qbo_connect(qbo_test_options());
$u1 = qbo_oauth_url($conn);
$u2 = qbo_oauth_url($conn);

var_dump(str_starts_with($u1, qbo_test_sandbox() . '/connect/oauth2?'));
parse_str(parse_url($u1, PHP_URL_QUERY), $q1);
parse_str(parse_url($u2, PHP_URL_QUERY), $q2);
$states = [$q1['state'], $q2['state']];
unset($q1['state']);
ksort($q1);
print_r($q1);
// the redirect URI travels percent-encoded, not raw
var_dump(str_contains($u1, 'redirect_uri=' . rawurlencode(QBO_TEST_REDIRECT) . '&'));
// two calls, two different states, each long and random enough not to be guessed
var_dump($states[0] !== $states[1]);
foreach ($states as $s) {
    var_dump(strlen($s) >= 22 && preg_match('/^[A-Za-z0-9_-]+$/', $s) === 1);
}
// a scope of several words is passed through, space-separated and encoded
$u3 = qbo_oauth_url($conn, 'com.intuit.quickbooks.accounting openid');
parse_str(parse_url($u3, PHP_URL_QUERY), $q3);
var_dump($q3['scope'], str_contains($u3, 'scope=com.intuit.quickbooks.accounting%20openid&'));
// the sandbox accepts the URL: its consent redirects back with a code and our state
$back = qbo_test_consent($u2, qbo_test_company());
var_dump($back['state'] === $states[1], strlen($back['code']) > 10);
?>
--EXPECT--
bool(true)
Array
(
    [client_id] => qbosync-sandbox-client
    [redirect_uri] => http://127.0.0.1/callback
    [response_type] => code
    [scope] => com.intuit.quickbooks.accounting
)
bool(true)
bool(true)
bool(true)
bool(true)
string(39) "com.intuit.quickbooks.accounting openid"
bool(true)
bool(true)
bool(true)
