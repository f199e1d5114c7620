--TEST--
A 429 in the middle of a batched run: no record lost or doubled, every process pauses until Retry-After (the limiter backs off), then the run completes
--FILE--
<?php
require __DIR__ . '/batch.inc';
[$conn, $realm, $opts] = qbo_test_connect(['delivery' => 'worker']);
bt_load($conn, 10);
// the invoices' batch is throttled (customers and the payments without an invoice go before it)
qbo_test_fault(['kind' => '429', 'method' => 'POST', 'realm' => $realm, 'path' => "/v3/company/$realm/batch",
    'match' => '"Invoice":{', 'count' => 1]);
$r = qbo_sync($conn, ['batch_size' => 30]);
echo "first run: delivered {$r['delivered']}, remaining {$r['remaining']}\n";
$pause = eng_conn_row($opts['store'])['throttled_until'] - microtime(true);
echo "paused: ", var_export($pause > 1, true), "\n";
$r = qbo_sync($conn, ['batch_size' => 30]);
echo "during the pause: delivered {$r['delivered']}, remaining {$r['remaining']}\n";
qbo_test_store_exec($opts['store'], 'UPDATE conn SET throttled_until = 0');
qbo_test_store_exec($opts['store'], 'UPDATE outbox SET next_try = 0');
$r = qbo_sync($conn, ['batch_size' => 30]);
echo "after the pause: delivered {$r['delivered']}, remaining {$r['remaining']}, errors {$r['errors']}\n";
echo bt_exactly_once($realm, 10), "\n";
?>
--EXPECT--
first run: delivered 12, remaining 18
paused: true
during the pause: delivered 0, remaining 18
after the pause: delivered 18, remaining 0, errors 0
every record exactly once
