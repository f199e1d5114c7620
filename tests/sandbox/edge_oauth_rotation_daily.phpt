--TEST--
Gateway: by default a refresh within a day of the refresh token's issue returns the same refresh token (a new access token), after the window a new one and the old one dies; the control API reports and switches the mode
--FILE--
<?php
require __DIR__ . '/edge_helper.inc';
$realm = edge_realm();
$app = edge_app();
$g = sbx_http('GET', '/_sandbox/oauth?realm=' . $realm)['json'];
echo $g['rotation'], ' ', $g['rotation_window'], "\n";
$t0 = edge_token($realm, $app);
$r1 = edge_token_call($app, ['grant_type' => 'refresh_token', 'refresh_token' => $t0['refresh_token']]);
echo $r1['status'], ' ', $r1['json']['refresh_token'] === $t0['refresh_token'] ? 'same refresh token' : 'rotated', ' ',
    $r1['json']['access_token'] !== $t0['access_token'] ? 'new access' : 'same access', "\n";
// the lost-answer case: the same refresh token still works for a second refresh
$r2 = edge_token_call($app, ['grant_type' => 'refresh_token', 'refresh_token' => $t0['refresh_token']]);
echo $r2['status'], ' ', $r2['json']['refresh_token'] === $t0['refresh_token'] ? 'same refresh token' : 'rotated', "\n";
$api = edge_api($realm, $r2['json']['access_token'], 'GET', 'companyinfo/' . $realm);
echo $api['status'], "\n";
// a window of 0 s: the token is older than the window, so it rotates and the old one is dead
$s = sbx_http('POST', '/_sandbox/oauth', ['realm' => $realm, 'rotation_window' => 0]);
echo $s['status'], ' ', $s['json']['rotation'], ' ', $s['json']['rotation_window'], "\n";
$r3 = edge_token_call($app, ['grant_type' => 'refresh_token', 'refresh_token' => $t0['refresh_token']]);
echo $r3['status'], ' ', $r3['json']['refresh_token'] !== $t0['refresh_token'] ? 'rotated' : 'same refresh token', "\n";
$old = edge_token_call($app, ['grant_type' => 'refresh_token', 'refresh_token' => $t0['refresh_token']]);
echo $old['status'], ' ', $old['json']['error'], "\n";
$bad = sbx_http('POST', '/_sandbox/oauth', ['realm' => $realm, 'rotation' => 'weekly']);
echo $bad['status'], ' ', $bad['json']['error'], "\n";
$every = sbx_http('POST', '/_sandbox/oauth', ['realm' => $realm, 'rotation' => 'every'])['json'];
echo $every['rotation'], "\n";
?>
--EXPECT--
daily 86400
200 same refresh token new access
200 same refresh token
200
200 daily 0
200 rotated
400 invalid_grant
400 rotation must be "daily" or "every"
every
