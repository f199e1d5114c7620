--TEST--
Gateway: an authorization code expires after 5 minutes (sandbox clock moved forward)
--CONFLICTS--
all
--FILE--
<?php
require __DIR__ . '/edge_helper.inc';
$realm = edge_realm();
$app = edge_app();
$q = edge_code($app, $realm, 'http://127.0.0.1:9/cb');
sbx_http('POST', '/_sandbox/clock', ['advance' => 301]);
$r = edge_token_call($app, ['grant_type' => 'authorization_code', 'code' => $q['code'], 'redirect_uri' => 'http://127.0.0.1:9/cb']);
echo $r['status'], ' ', $r['json']['error'], ' | ', $r['json']['error_description'], "\n";
sbx_http('POST', '/_sandbox/clock', ['advance' => -301]);   // the clock is shared: put it back
?>
--EXPECT--
400 invalid_grant | Authorization code has expired
