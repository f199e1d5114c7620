--TEST--
A 429 pauses every process sharing the store until Retry-After (else 60 s): sync ends its pass, later syncs and inline pushes send nothing meanwhile; after the pause the others go, and the throttled wave's records at their own retry time, each exactly once
--FILE--
<?php
require __DIR__ . '/engine.inc';
[$conn, $realm, $opts] = qbo_test_connect(['delivery' => 'worker']);
foreach (['1', '2', '3'] as $k) {
    qbo_push($conn, 'customer', eng_customer($k, 'Thr', "Ottle$k", "t$k@example.com"));
}
qbo_test_fault(['kind' => '429', 'method' => 'POST', 'realm' => $realm, 'path' => "/v3/company/$realm/batch", 'count' => 1]);
$r = qbo_sync($conn);
echo "first sync: delivered {$r['delivered']}, remaining {$r['remaining']}\n";
$pause = eng_conn_row($opts['store'])['throttled_until'] - microtime(true);
echo "paused for 30..60 s: ", var_export($pause > 25 && $pause <= 61, true), "\n";
$r = qbo_sync($conn);
echo "sync during the pause: delivered {$r['delivered']}, remaining {$r['remaining']}\n";
$inline = qbo_connect(['delivery' => 'inline'] + $opts);
$st = qbo_push($inline, 'customer', eng_customer('4', 'Thr', 'Ottle4', 't4@example.com'));
echo "inline push during the pause: {$st['state']}, queued ", var_export($st['queued'], true), "\n";
echo "write requests so far (/customer and /batch): ", count(eng_requests($realm, "/v3/company/$realm/customer", 'POST'))
    + count(eng_requests($realm, "/v3/company/$realm/batch", 'POST')), "\n";
// the pause ends (moved forward in the store instead of waiting a minute)
qbo_test_store_exec($opts['store'], 'UPDATE conn SET throttled_until = 0');
$r = qbo_sync($conn);
echo "after the pause: delivered {$r['delivered']}, remaining {$r['remaining']}\n";
foreach (qbo_entities($conn) as $e) {
    echo "{$e['id']}: {$e['state']}\n";
}
// the throttled wave's retry comes due (moved forward as the pause was)
qbo_test_store_exec($opts['store'], 'UPDATE outbox SET next_try = 0');
$r = qbo_sync($conn);
echo "at their retry: delivered {$r['delivered']}, remaining {$r['remaining']}\n";
$names = array_count_values(array_map(fn($c) => $c['DisplayName'], eng_qbo_all($realm, 'Customer')));
echo "QBO customers Thr Ottle1..4, once each: ", var_export(array_map(fn($k) => $names["Thr Ottle$k"] ?? 0, [1, 2, 3, 4]) === [1, 1, 1, 1], true), "\n";
?>
--EXPECT--
first sync: delivered 0, remaining 3
paused for 30..60 s: true
sync during the pause: delivered 0, remaining 3
inline push during the pause: Not Tried, queued true
write requests so far (/customer and /batch): 1
after the pause: delivered 1, remaining 3
1: Not Tried
2: Not Tried
3: Not Tried
4: Synced
at their retry: delivered 3, remaining 0
QBO customers Thr Ottle1..4, once each: true
