--TEST--
The customer guard does not swallow its email lookup's errors: a 429 there pauses delivery (no second QBO customer with that email); the retry links to the customer QBO has under another name
--FILE--
<?php
require __DIR__ . '/engine.inc';
[$conn, $realm, $opts] = qbo_test_connect();
$old = qbo_test_api($realm, 'POST', 'customer', ['DisplayName' => 'E. Mail (old)', 'PrimaryEmailAddr' => ['Address' => 'em@example.com']])['json']['Customer']['Id'];
qbo_test_fault(['kind' => '429', 'method' => 'GET', 'realm' => $realm, 'path' => "/v3/company/$realm/query",
    'match' => 'PrimaryEmailAddr', 'count' => 1]);
$c = qbo_push($conn, 'customer', eng_customer('5', 'Emma', 'Mail', 'em@example.com'));
echo "after the 429: {$c['state']}, queued ", var_export($c['queued'], true), ", QBO customers with the email: ",
    eng_qbo_count($realm, 'Customer', 'PrimaryEmailAddr.Address', 'em@example.com'), "\n";
echo "every process pauses: ", var_export(eng_conn_row($opts['store'])['throttled_until'] > microtime(true), true), "\n";
qbo_test_store_exec($opts['store'], 'UPDATE conn SET throttled_until = 0');
qbo_test_store_exec($opts['store'], "UPDATE outbox SET next_try = 0");
$r = qbo_sync($conn);
$c = qbo_entities($conn, ['kind' => 'customer'])[0];
echo "retry: delivered {$r['delivered']}, {$c['state']}, linked by email: ", var_export($c['qbo_id'] === $old, true),
    ", QBO customers with the email: ", eng_qbo_count($realm, 'Customer', 'PrimaryEmailAddr.Address', 'em@example.com'), "\n";
?>
--EXPECT--
after the 429: Not Tried, queued true, QBO customers with the email: 1
every process pauses: true
retry: delivered 1, Synced, linked by email: true, QBO customers with the email: 1
