--TEST--
Retry policy: a 5xx keeps the record queued (attempts counted, retried by the next sync); a 429 waits (Retry-After, else 60 s) and sync leaves it until then
--FILE--
<?php
require __DIR__ . '/engine.inc';
[$conn, $realm, $opts] = qbo_test_connect();
qbo_test_fault(['kind' => '500', 'method' => 'POST', 'realm' => $realm, 'path' => "/v3/company/$realm/customer", 'count' => 1]);
$a = qbo_push($conn, 'customer', eng_customer('1', 'Rae', 'Sun', 'rae@example.com'));
echo "after a 500: {$a['state']}, queued ", var_export($a['queued'], true), ", attempts {$a['attempts']}, reason: ",
    str_starts_with((string)$a['reason'], 'Queued, will retry: ') ? 'will retry' : $a['reason'], "\n";
$r = qbo_sync($conn);
echo "sync: delivered {$r['delivered']}, remaining {$r['remaining']}\n";
$a = qbo_entities($conn, ['id' => '1'])[0];
echo "now: {$a['state']}, attempts {$a['attempts']}\n";
qbo_test_fault(['kind' => '429', 'method' => 'POST', 'realm' => $realm, 'path' => "/v3/company/$realm/customer", 'count' => 1]);
$b = qbo_push($conn, 'customer', eng_customer('2', 'Ola', 'Berg', 'ola@example.com'));
echo "after a 429: {$b['state']}, queued ", var_export($b['queued'], true), "\n";
$row = qbo_test_store_rows($opts['store'], "SELECT next_try - (SELECT last_attempt FROM entity WHERE local_id = '2') AS wait, attempts FROM outbox WHERE local_id = '2'")[0];
echo "waits at least 30 s: ", var_export($row['wait'] >= 30, true), ", at most 60 s: ", var_export($row['wait'] <= 61, true), "\n";
$r = qbo_sync($conn);
echo "sync: delivered {$r['delivered']}, remaining {$r['remaining']}\n";
echo "QBO: Rae Sun ", eng_qbo_count($realm, 'Customer', 'DisplayName', 'Rae Sun'), ", Ola Berg ", eng_qbo_count($realm, 'Customer', 'DisplayName', 'Ola Berg'), "\n";
$warn = qbo_test_store_rows($opts['store'], "SELECT message FROM log WHERE level = 'warn' AND local_id IN ('1', '2') AND method IS NULL ORDER BY id");
foreach ($warn as $w) {
    echo preg_replace('/\(([A-Za-z]+)\).*/', '($1)', $w['message']), "\n";
}
?>
--EXPECT--
after a 500: Not Tried, queued true, attempts 1, reason: will retry
sync: delivered 1, remaining 0
now: Synced, attempts 2
after a 429: Not Tried, queued true
waits at least 30 s: true, at most 60 s: true
sync: delivered 0, remaining 1
QBO: Rae Sun 1, Ola Berg 0
Customer 1: attempt 1 failed (ServerError)
Customer 2: attempt 1 failed (Throttled)
