--TEST--
Transport: a 502 with an HTML page (a proxy in front of QBO) is a server error to retry, not a QBO fault; the next sync delivers
--FILE--
<?php
require __DIR__ . '/transport.inc';

[$conn, $realm] = qbo_test_connect(['delivery' => 'inline']);
$tag = bin2hex(random_bytes(4));
// the proxy fails for a while: every call in this push meets it
qbo_test_fault(['kind' => 'html', 'realm' => $realm, 'path' => '/v3/company/*', 'count' => 50]);
$st = qbo_push($conn, 'customer', tr_customer('1', $tag));
var_dump($st['state'] !== 'Error', $st['queued']);
var_dump(str_contains($st['reason'], 'HTTP 502'), str_contains($st['reason'], 'text/html'));
// the proxy recovers; the worker delivers
qbo_test_http('DELETE', '/_sandbox/faults', ['realm' => $realm]);
$r = qbo_sync($conn);
var_dump($r['delivered'], $r['errors']);
var_dump(qbo_entities($conn, ['kind' => 'customer', 'id' => '1'])[0]['state']);
var_dump(count(tr_qbo_customers($realm, "Transport Test $tag 1")));
?>
--EXPECT--
bool(true)
bool(true)
bool(true)
bool(true)
int(1)
int(0)
string(6) "Synced"
int(1)
