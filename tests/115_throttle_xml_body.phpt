--TEST--
Transport: a 429 whose body is XML (as QBO's gateway sends) is understood from the status: queued for later with QBO's code 3001, not an error, nothing created
--FILE--
<?php
require __DIR__ . '/transport.inc';

[$conn, $realm] = qbo_test_connect(['delivery' => 'inline']);
$tag = bin2hex(random_bytes(4));
qbo_test_fault(['kind' => '429', 'format' => 'xml', 'realm' => $realm, 'path' => '/v3/company/*', 'count' => 50]);
$st = qbo_push($conn, 'customer', tr_customer('1', $tag));
var_dump($st['state'] !== 'Synced' && $st['state'] !== 'Error', $st['queued']);
var_dump(str_contains($st['reason'], 'throttling'), str_contains($st['reason'], '3001'));
// not retried at once: a throttled record waits (a minute, as Intuit advises)
var_dump($st['next_try'] !== null);
$s = qbo_status($conn);
var_dump($s['status'], $s['queued']);
qbo_test_http('DELETE', '/_sandbox/faults', ['realm' => $realm]);
var_dump(count(tr_qbo_customers($realm, "Transport Test $tag 1")));
// the sandbox really answered XML
$xml = array_filter(tr_requests($realm, '/v3/company/*'), fn($r) => $r['status'] === 429);
var_dump(count($xml) >= 1);
?>
--EXPECT--
bool(true)
bool(true)
bool(true)
bool(true)
bool(true)
string(6) "Active"
int(1)
int(0)
bool(true)
