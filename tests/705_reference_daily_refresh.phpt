--TEST--
qbo_reference's cache is refreshed by qbo_sync once it is a day old (only the types read before), and not sooner
--FILE--
<?php
require __DIR__ . '/engine.inc';
[$conn, $realm, $options] = qbo_test_connect(['delivery' => 'worker']);
echo "methods: ", count(qbo_reference($conn, 'payment_method')), "\n";
qbo_test_api($realm, 'POST', 'paymentmethod', ['Name' => 'Wire Transfer']);

$q = count(eng_requests($realm, '/v3/company/*/query'));
qbo_sync($conn);
echo "fresh cache, queries by sync: ", count(eng_requests($realm, '/v3/company/*/query')) - $q, " methods: ", count(qbo_reference($conn, 'payment_method')), "\n";

// a day later (the cache's time moved back in the store)
qbo_test_store_exec($options['store'], "UPDATE meta SET at = at - 90000 WHERE name = 'ref.payment_method'");
$q = count(eng_requests($realm, '/v3/company/*/query'));
qbo_sync($conn);
echo "day-old cache, queries by sync: ", count(eng_requests($realm, '/v3/company/*/query')) - $q, "\n";
$m = qbo_reference($conn, 'payment_method');
echo "methods: ", count($m), " last: ", end($m)['name'], "\n";
$at = qbo_test_store_rows($options['store'], "SELECT at FROM meta WHERE name = 'ref.payment_method'")[0]['at'];
echo "refreshed now: ", abs($at - microtime(true)) < 60 ? 'yes' : 'no', "\n";
echo "other types untouched: ", count(qbo_test_store_rows($options['store'], "SELECT name FROM meta WHERE name LIKE 'ref.%'")), "\n";
?>
--EXPECT--
methods: 6
fresh cache, queries by sync: 0 methods: 6
day-old cache, queries by sync: 1
methods: 7 last: Wire Transfer
refreshed now: yes
other types untouched: 1
