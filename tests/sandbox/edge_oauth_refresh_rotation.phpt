--TEST--
Gateway: with rotation "every" (the stricter option) every refresh returns a new refresh token; the replaced one is invalid_grant at once
--FILE--
<?php
require __DIR__ . '/edge_helper.inc';
$realm = edge_realm();
sbx_http('POST', '/_sandbox/oauth', ['realm' => $realm, 'rotation' => 'every']);
$app = edge_app();
$t0 = edge_token($realm, $app);
$r1 = edge_token_call($app, ['grant_type' => 'refresh_token', 'refresh_token' => $t0['refresh_token']]);
echo $r1['status'], ' ', implode(',', array_keys($r1['json'])), "\n";
echo $r1['json']['refresh_token'] !== $t0['refresh_token'] ? 'rotated' : 'same', ' ',
    $r1['json']['access_token'] !== $t0['access_token'] ? 'new access' : 'same access', "\n";
$old = edge_token_call($app, ['grant_type' => 'refresh_token', 'refresh_token' => $t0['refresh_token']]);
echo $old['status'], ' ', $old['json']['error'], ' | ', $old['json']['error_description'], "\n";
$r2 = edge_token_call($app, ['grant_type' => 'refresh_token', 'refresh_token' => $r1['json']['refresh_token']],
    ['x-include-refresh-token-hard-expires-in' => 'true']);
echo $r2['status'], ' ', isset($r2['json']['x_refresh_token_hard_expires_in']) ? 'hard expiry given' : 'no hard expiry', "\n";
$api = edge_api($realm, $r2['json']['access_token'], 'GET', 'companyinfo/' . $realm);
echo in_array($api['status'], [401, 403], true) ? 'api refused' : 'api accepted', "\n";
// another app cannot use this app's refresh token
$other = edge_app();
$x = edge_token_call($other, ['grant_type' => 'refresh_token', 'refresh_token' => $r2['json']['refresh_token']]);
echo $x['status'], ' ', $x['json']['error'], "\n";
?>
--EXPECT--
200 token_type,access_token,expires_in,refresh_token,x_refresh_token_expires_in
rotated new access
400 invalid_grant | Token has been expired or revoked.
200 hard expiry given
api accepted
400 invalid_grant
