--TEST--
Gateway: fault kind slow delays the request but answers normally; the request log records the fault
--CONFLICTS--
edge_hold_workers
--FILE--
<?php
require __DIR__ . '/edge_helper.inc';
$realm = edge_realm();
$t = edge_token($realm)['access_token'];
edge_fault(['realm' => $realm, 'kind' => 'slow', 'delay_ms' => 300]);
$r = edge_api($realm, $t, 'GET', 'companyinfo/' . $realm);
echo in_array($r['status'], [401, 403, 429, 500, 503], true) ? 'failed' : 'answered normally', "\n";
$log = edge_log(['realm' => $realm]);
echo count($log), ' ', $log[0]['fault'], "\n";
?>
--EXPECT--
answered normally
1 slow:before
