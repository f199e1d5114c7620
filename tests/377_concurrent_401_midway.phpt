--TEST--
A 401 on one of several /batch requests in flight together: that batch is sent again once with a usable token, the others are applied as answered, and QBO holds every record exactly once with no error
--FILE--
<?php
require __DIR__ . '/batch.inc';
[$conn, $realm, $opts] = qbo_test_connect(['delivery' => 'worker']);
qbo_test_http('POST', '/_sandbox/latency', ['realm' => $realm, 'fixed_ms' => 100, 'jitter_ms' => 0]);
bt_load($conn, 20);
qbo_test_fault(['kind' => '401', 'method' => 'POST', 'realm' => $realm,
    'path' => "/v3/company/$realm/batch", 'match' => '"Invoice":{', 'count' => 1]);
$r = qbo_sync($conn, ['batch_size' => 5]);
echo "delivered {$r['delivered']}, errors {$r['errors']}, remaining {$r['remaining']}\n";
$log = eng_requests($realm, "/v3/company/$realm/batch");
echo "401 answers: ", count(array_filter($log, fn($q) => $q['status'] === 401)), "\n";
echo bt_exactly_once($realm, 20), "\n";
?>
--EXPECT--
delivered 60, errors 0, remaining 0
401 answers: 1
every record exactly once
