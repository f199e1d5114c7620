--TEST--
INI qbosync.delivery is the default delivery mode: with "worker", qbo_push() only records and qbo_sync() sends
--INI--
qbosync.delivery=worker
--FILE--
<?php
require __DIR__ . '/qbo.inc';
[$c, $realm] = qbo_test_connect();
$tag = bin2hex(random_bytes(4));
$st = qbo_push($c, 'customer', ['id' => 'w1', 'email' => "w1.$tag@example.com", 'first_name' => 'Worker', 'last_name' => "Mode $tag"]);
echo 'after push: ', $st['state'], ', in QBO: ', count(qbo_test_query($realm, "select * from Customer where DisplayName like '%$tag%'")), "\n";
$r = qbo_sync($c);
echo 'delivered: ', $r['delivered'], ', in QBO: ', count(qbo_test_query($realm, "select * from Customer where DisplayName like '%$tag%'")), "\n";
echo 'state: ', qbo_entities($c, ['kind' => 'customer', 'id' => 'w1'])[0]['state'], "\n";
?>
--EXPECT--
after push: Not Tried, in QBO: 0
delivered: 1, in QBO: 1
state: Synced
