--TEST--
Transport: an inline push that times out is queued (not an error), and the retry leaves QBO holding the customer once
--FILE--
<?php
require __DIR__ . '/transport.inc';

[$conn, $realm] = qbo_test_connect(['delivery' => 'inline', 'inline_timeout' => 1]);
$tag = bin2hex(random_bytes(4));
$name = "Transport Test $tag 1";

// QuickBooks takes 2.5 s over the next customer create: the hook path gives up first,
// but QuickBooks still creates the customer after we stopped listening
qbo_test_fault(['kind' => 'slow', 'delay_ms' => 2500, 'realm' => $realm, 'method' => 'POST',
    'path' => "/v3/company/$realm/customer", 'count' => 1]);
$st = qbo_push($conn, 'customer', tr_customer('1', $tag));
var_dump($st['state'] !== 'Synced', $st['queued']);
var_dump(str_contains($st['reason'], 'No answer from 127.0.0.1'));

// wait (bounded) until the slow request has finished at the sandbox
for ($i = 0; $i < 100 && count(tr_qbo_customers($realm, $name)) === 0; $i++) {
    usleep(100000);
}
var_dump(count(tr_qbo_customers($realm, $name)));

// the worker retries: it finds the customer QBO made (or QBO replays its answer to the same
// requestid); either way there is no second customer
$r = qbo_sync($conn);
var_dump($r['delivered']);
$ent = qbo_entities($conn, ['kind' => 'customer', 'id' => '1'])[0];
var_dump($ent['state']);
var_dump(count(tr_qbo_customers($realm, $name)), tr_qbo_customers($realm, $name)[0]['Id'] === $ent['qbo_id']);
$creates = array_values(array_filter(tr_requests($realm, "/v3/company/$realm/customer"), fn($q) => $q['method'] === 'POST'));
// every create that reached QBO for this record carried one and the same requestid
$rids = array_values(array_unique(array_column($creates, 'requestid')));
var_dump(count($creates) >= 1, count($rids) === 1 && $rids[0] !== null && $rids[0] !== '');
?>
--EXPECT--
bool(true)
bool(true)
bool(true)
int(1)
int(1)
string(6) "Synced"
int(1)
bool(true)
bool(true)
bool(true)
