--TEST--
Gateway: an expired access token gets 401 3200 "Token expired: <epoch>" (clock moved past its expiry)
--CONFLICTS--
all
--FILE--
<?php
require __DIR__ . '/edge_helper.inc';
$realm = edge_realm();
$t = edge_token($realm, null, ['access_expires_in' => 5]);
echo $t['expires_in'], "\n";
$before = edge_api($realm, $t['access_token'], 'GET', 'companyinfo/' . $realm);
echo $before['status'] === 401 ? 'rejected early' : 'accepted before expiry', "\n";
$c = sbx_http('POST', '/_sandbox/clock', ['advance' => 6]);
$r = edge_api($realm, $t['access_token'], 'GET', 'companyinfo/' . $realm);
echo preg_replace('/Token expired: \d{10}/', 'Token expired: EPOCH', edge_gateway_line($r)), "\n";
preg_match('/(\d{10})/', $r['json']['fault']['error'][0]['detail'], $m);
echo abs((int)$m[1] - (int)$c['json']['now']) < 60 ? 'epoch is sandbox now' : 'epoch off', "\n";
sbx_http('POST', '/_sandbox/clock', ['advance' => -6]);   // the clock is shared: put it back
?>
--EXPECT--
5
accepted before expiry
401 3200 AUTHENTICATION | message=AuthenticationFailed; errorCode=003200; statusCode=401 | 'Token expired: EPOCH'
epoch is sandbox now
