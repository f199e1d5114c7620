--TEST--
Gateway: Cancel on the consent form redirects with error=access_denied and the state; no code
--FILE--
<?php
require __DIR__ . '/edge_helper.inc';
$app = edge_app();
$form = ['client_id' => $app['client_id'], 'scope' => 'com.intuit.quickbooks.accounting',
    'redirect_uri' => 'http://localhost:5000/cb?x=1', 'response_type' => 'code', 'state' => 's-1', 'action' => 'cancel'];
$r = sbx_http('POST', '/connect/oauth2', http_build_query($form), ['Content-Type' => 'application/x-www-form-urlencoded']);
echo $r['status'], ' ', $r['headers']['location'], "\n";
// the non-interactive variant
$q = http_build_query(['client_id' => $app['client_id'], 'scope' => 'com.intuit.quickbooks.accounting',
    'redirect_uri' => 'http://127.0.0.1/callback', 'response_type' => 'code', 'state' => 's-2', 'sandbox_auto' => 'deny']);
$r = sbx_http('GET', '/connect/oauth2?' . $q);
echo $r['status'], ' ', $r['headers']['location'], "\n";
// a scope without accounting is refused back to the app
$q = http_build_query(['client_id' => $app['client_id'], 'scope' => 'openid', 'redirect_uri' => 'http://127.0.0.1/callback',
    'response_type' => 'code', 'state' => 's-3', 'sandbox_auto' => 'approve']);
$r = sbx_http('GET', '/connect/oauth2?' . $q);
echo $r['status'], ' ', edge_location_query($r)['error'], ' ', edge_location_query($r)['state'], "\n";
?>
--EXPECT--
302 http://localhost:5000/cb?x=1&error=access_denied&state=s-1
302 http://127.0.0.1/callback?error=access_denied&state=s-2
302 invalid_scope s-3
