--TEST--
A 429 on one of several /batch requests in flight together: the waves QBO answered are Synced, the throttled wave stays queued, nothing more starts until the pause is over, then the run completes with every record exactly once
--FILE--
<?php
require __DIR__ . '/batch.inc';
[$conn, $realm, $opts] = qbo_test_connect(['delivery' => 'worker']);
qbo_test_http('POST', '/_sandbox/latency', ['realm' => $realm, 'fixed_ms' => 100, 'jitter_ms' => 0]);
bt_load($conn, 20);
// one of the four invoice waves' batches is throttled (the 5 payments that apply to no
// invoice went before the invoices, with the customers' round behind them)
qbo_test_fault(['kind' => '429', 'method' => 'POST', 'realm' => $realm, 'path' => "/v3/company/$realm/batch",
    'match' => '"Invoice":{', 'count' => 1]);
$r = qbo_sync($conn, ['batch_size' => 5]);
echo "first run: delivered {$r['delivered']}, remaining {$r['remaining']}, errors {$r['errors']}\n";
$states = [];
foreach (qbo_test_store_rows($opts['store'], "SELECT kind, state, count(*) AS n FROM entity GROUP BY kind, state ORDER BY kind, state") as $row) {
    $states[] = "$row[kind] $row[state] $row[n]";
}
echo implode(', ', $states), "\n";
$pause = eng_conn_row($opts['store'])['throttled_until'] - microtime(true);
echo "paused: ", var_export($pause > 1, true), "\n";
echo "QBO invoices so far: ", count(eng_qbo_all($realm, 'Invoice')), ", payments: ", count(eng_qbo_all($realm, 'Payment')), "\n";
qbo_test_store_exec($opts['store'], 'UPDATE conn SET throttled_until = 0');
qbo_test_store_exec($opts['store'], 'UPDATE outbox SET next_try = 0');
$r = qbo_sync($conn, ['batch_size' => 5]);
echo "after the pause: delivered {$r['delivered']}, remaining {$r['remaining']}, errors {$r['errors']}\n";
echo bt_exactly_once($realm, 20), "\n";
?>
--EXPECT--
first run: delivered 40, remaining 20, errors 0
customer Synced 20, invoice Not Tried 5, invoice Synced 15, payment Not Tried 15, payment Synced 5
paused: true
QBO invoices so far: 15, payments: 5
after the pause: delivered 20, remaining 0, errors 0
every record exactly once
