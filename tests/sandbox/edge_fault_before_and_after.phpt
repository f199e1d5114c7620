--TEST--
Gateway: a "slow" before-fault and an "after" fault both apply to one request; a request the gateway answered gets no after-fault
--FILE--
<?php
require __DIR__ . '/edge_helper.inc';
$realm = edge_realm();
$t = edge_token($realm)['access_token'];
edge_fault(['realm' => $realm, 'kind' => 'slow', 'delay_ms' => 50]);
edge_fault(['realm' => $realm, 'kind' => '500', 'when' => 'after']);
$r = edge_api($realm, $t, 'GET', 'companyinfo/' . $realm);
echo $r['status'], ' ', $r['json']['Fault']['type'], "\n";
// a 401 from the gateway is not turned into something else by an after-fault
edge_fault(['realm' => $realm, 'kind' => '503', 'when' => 'after']);
$r = edge_api($realm, null, 'GET', 'companyinfo/' . $realm);
echo $r['status'], ' ', $r['json']['fault']['error'][0]['code'], "\n";
$f = array_values(array_filter(sbx_http('GET', '/_sandbox/faults')['json']['faults'], fn($x) => $x['realm'] === $realm));
echo implode(',', array_map(fn($x) => $x['kind'] . '=' . $x['hits'], $f)), "\n";
sbx_http('DELETE', '/_sandbox/faults', ['realm' => $realm]);
?>
--EXPECT--
500 SystemFault
401 3200
slow=1,500=1,503=0
