--TEST--
Gateway: bad client credentials get 401 invalid_client; an unknown client_id gets an error page at consent
--FILE--
<?php
require __DIR__ . '/edge_helper.inc';
$realm = edge_realm();
$app = edge_app();
$code = edge_code($app, $realm)['code'];
$bad = $app;
$bad['client_secret'] = 'wrong';
$r = edge_token_call($bad, ['grant_type' => 'authorization_code', 'code' => $code, 'redirect_uri' => 'http://127.0.0.1:9/cb']);
echo $r['status'], ' ', $r['json']['error'], ' ', $r['headers']['www-authenticate'], "\n";
$r = sbx_http('POST', '/oauth2/v1/tokens/bearer', 'grant_type=refresh_token&refresh_token=AB11x',
    ['Content-Type' => 'application/x-www-form-urlencoded']);
echo $r['status'], ' ', $r['json']['error'], "\n";
// client_secret_post is accepted too, and the code was not burnt by the failed attempts
$r = sbx_http('POST', '/oauth2/v1/tokens/bearer', http_build_query(['grant_type' => 'authorization_code', 'code' => $code,
    'redirect_uri' => 'http://127.0.0.1:9/cb', 'client_id' => $app['client_id'], 'client_secret' => $app['client_secret']]),
    ['Content-Type' => 'application/x-www-form-urlencoded']);
echo $r['status'], ' ', $r['json']['token_type'], "\n";
$r = sbx_http('GET', '/connect/oauth2?client_id=nobody&scope=com.intuit.quickbooks.accounting&redirect_uri=http%3A%2F%2F127.0.0.1%2Fcallback&response_type=code&state=s');
echo $r['status'], ' ', isset($r['headers']['location']) ? 'redirected' : 'no redirect', ' ', str_contains($r['raw'], 'invalid_client') ? 'invalid_client' : '?', "\n";
?>
--EXPECT--
401 invalid_client Basic realm="Intuit"
401 invalid_client
200 bearer
400 no redirect invalid_client
