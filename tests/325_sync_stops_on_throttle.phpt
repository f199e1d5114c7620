--TEST--
qbo_sync ends its pass at a 429: the throttled record waits for its Retry-After, the others stay due and go with the next sync
--FILE--
<?php
require __DIR__ . '/engine.inc';
[$conn, $realm, $opts] = qbo_test_connect(['delivery' => 'worker']);
foreach (['1', '2', '3'] as $k) {
    qbo_push($conn, 'customer', eng_customer($k, 'Thr', "Ottle$k", "t$k@example.com"));
}
qbo_test_fault(['kind' => '429', 'method' => 'POST', 'realm' => $realm, 'path' => "/v3/company/$realm/customer", 'count' => 1]);
$r = qbo_sync($conn);
echo "first sync: delivered {$r['delivered']}, remaining {$r['remaining']}\n";
echo "customer POSTs: ", count(eng_requests($realm, "/v3/company/$realm/customer", 'POST')), "\n";
$r = qbo_sync($conn);
echo "second sync: delivered {$r['delivered']}, remaining {$r['remaining']}\n";
foreach (qbo_entities($conn) as $e) {
    echo "{$e['id']}: {$e['state']}\n";
}
?>
--EXPECT--
first sync: delivered 0, remaining 3
customer POSTs: 1
second sync: delivered 2, remaining 1
1: Not Tried
2: Synced
3: Synced
