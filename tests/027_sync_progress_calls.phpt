--TEST--
qbo_sync() calls the progress callable with (done, total, kind, id, state) for each event it delivers
--FILE--
<?php
require __DIR__ . '/qbo.inc';
[$c, $realm] = qbo_test_connect(['delivery' => 'worker']);
$tag = bin2hex(random_bytes(4));
foreach (['p1', 'p2'] as $id) {
    $st = qbo_push($c, 'customer', ['id' => $id, 'email' => "$id.$tag@example.com", 'first_name' => 'Progress', 'last_name' => "$id $tag"]);
    echo "$id queued: ", var_export($st['queued'], true), "\n";
}
$calls = [];
$r = qbo_sync($c, ['progress' => function (...$args) use (&$calls) {
    $calls[] = $args;
}]);
echo 'delivered: ', $r['delivered'], "\n";
usort($calls, fn($a, $b) => $a[0] <=> $b[0]);
foreach ($calls as [$done, $total, $kind, $id, $state]) {
    printf("%s %s %s %s %s\n", get_debug_type($done) . ":$done", get_debug_type($total) . ":$total", $kind, $id, $state);
}
$found = qbo_test_query($realm, "select * from Customer where DisplayName like '%$tag%'");
echo 'in QBO: ', count($found), "\n";
?>
--EXPECTF--
p1 queued: true
p2 queued: true
delivered: 2
int:1 int:2 customer p%d Synced
int:2 int:2 customer p%d Synced
in QBO: 2
