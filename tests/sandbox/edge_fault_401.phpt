--TEST--
Gateway: fault kind 401 rejects a valid token once mid-session (3200); the same token works on the retry
--FILE--
<?php
require __DIR__ . '/edge_helper.inc';
$realm = edge_realm();
$t = edge_token($realm)['access_token'];
$first = edge_api($realm, $t, 'GET', 'companyinfo/' . $realm);
echo in_array($first['status'], [401, 403], true) ? 'refused' : 'accepted', "\n";
edge_fault(['realm' => $realm, 'kind' => '401']);
$r = edge_api($realm, $t, 'GET', 'companyinfo/' . $realm);
echo preg_replace('/\d{10}/', 'EPOCH', edge_gateway_line($r)), ' ', $r['headers']['www-authenticate'], "\n";
$again = edge_api($realm, $t, 'GET', 'companyinfo/' . $realm);
echo in_array($again['status'], [401, 403], true) ? 'refused' : 'accepted', "\n";
?>
--EXPECT--
accepted
401 3200 AUTHENTICATION | message=AuthenticationFailed; errorCode=003200; statusCode=401 | 'Token expired: EPOCH' Bearer realm="Intuit", error="invalid_token"
accepted
