--TEST--
Gateway: redirect_uri must be registered at consent and identical at the token step
--FILE--
<?php
require __DIR__ . '/edge_helper.inc';
$realm = edge_realm();
$app = edge_app(['redirect_uris' => ['https://app.example.com/callback']]);
// not registered: an error page, no redirect to the unregistered URI
$q = http_build_query(['client_id' => $app['client_id'], 'scope' => 'com.intuit.quickbooks.accounting',
    'redirect_uri' => 'https://evil.example.net/cb', 'response_type' => 'code', 'state' => 's']);
$r = sbx_http('GET', '/connect/oauth2?' . $q);
echo $r['status'], ' ', isset($r['headers']['location']) ? 'redirected' : 'no redirect', ' ',
    str_contains($r['raw'], 'is not registered') ? 'says not registered' : 'silent', "\n";
// registered at consent, different at the token step
$code = edge_code($app, $realm, 'https://app.example.com/callback')['code'];
$t = edge_token_call($app, ['grant_type' => 'authorization_code', 'code' => $code, 'redirect_uri' => 'https://app.example.com/other']);
echo $t['status'], ' ', $t['json']['error'], ' | ', $t['json']['error_description'], "\n";
$t = edge_token_call($app, ['grant_type' => 'authorization_code', 'code' => $code]);
echo $t['status'], ' ', $t['json']['error'], ' | ', $t['json']['error_description'], "\n";
?>
--EXPECT--
400 no redirect says not registered
400 invalid_grant | redirect_uri does not match the authorization request
400 invalid_request | redirect_uri is required
