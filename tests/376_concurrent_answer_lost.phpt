--TEST--
One of several /batch requests in flight together is committed by QBO but its answer is lost (connection dropped after the handler ran): the other waves are Synced, the lost wave's records are settled by their natural keys on the retry, and QBO holds every record exactly once
--FILE--
<?php
require __DIR__ . '/batch.inc';
[$conn, $realm, $opts] = qbo_test_connect(['delivery' => 'worker']);
qbo_test_http('POST', '/_sandbox/latency', ['realm' => $realm, 'fixed_ms' => 100, 'jitter_ms' => 0]);
bt_load($conn, 20);
qbo_test_fault(['kind' => 'drop', 'when' => 'after', 'method' => 'POST', 'realm' => $realm,
    'path' => "/v3/company/$realm/batch", 'match' => '"Invoice":{', 'count' => 1]);
$r = qbo_sync($conn, ['batch_size' => 5]);
echo "first run: errors {$r['errors']}, remaining > 0: ", var_export($r['remaining'] > 0, true), "\n";
echo "QBO invoices after the first run: ", count(eng_qbo_all($realm, 'Invoice')), "\n";
for ($i = 0; $i < 3; $i++) {
    qbo_test_store_exec($opts['store'], 'UPDATE conn SET throttled_until = 0');
    qbo_test_store_exec($opts['store'], 'UPDATE outbox SET next_try = 0');
    $r = qbo_sync($conn, ['batch_size' => 5]);
}
echo "after the retries: remaining {$r['remaining']}, errors {$r['errors']}\n";
$states = [];
foreach (qbo_test_store_rows($opts['store'], "SELECT state, count(*) AS n FROM entity GROUP BY state ORDER BY state") as $row) {
    $states[] = "$row[state] $row[n]";
}
echo implode(', ', $states), "\n";
echo bt_exactly_once($realm, 20), "\n";
?>
--EXPECT--
first run: errors 0, remaining > 0: true
QBO invoices after the first run: 20
after the retries: remaining 0, errors 0
Synced 60
every record exactly once
