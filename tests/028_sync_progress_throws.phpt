--TEST--
An exception thrown by the progress callable stops qbo_sync() and reaches the caller; what was not sent stays queued
--FILE--
<?php
require __DIR__ . '/qbo.inc';
[$c, $realm] = qbo_test_connect(['delivery' => 'worker']);
$tag = bin2hex(random_bytes(4));
foreach (['t1', 't2', 't3', 't4'] as $id) {
    qbo_push($c, 'customer', ['id' => $id, 'email' => "$id.$tag@example.com", 'first_name' => 'Cancel', 'last_name' => "$id $tag"]);
}
$seen = 0;
try {
    qbo_sync($c, ['progress' => function () use (&$seen) {
        $seen++;
        throw new LogicException('stop the sync');
    }]);
    echo "no exception\n";
} catch (LogicException $e) {
    echo get_class($e), ': ', $e->getMessage(), "\n";
}
echo 'progress calls: ', $seen, "\n";
$inQbo = count(qbo_test_query($realm, "select * from Customer where DisplayName like '%$tag%'"));
$queued = qbo_status($c)['queued'];
echo 'sent before the stop: ', $inQbo <= 1 ? 'at most one' : $inQbo, "\n";
echo 'still queued: ', $queued >= 3 ? 'the rest' : $queued, "\n";
// a later sync finishes the job, without duplicates
$r = qbo_sync($c);
echo 'in QBO now: ', count(qbo_test_query($realm, "select * from Customer where DisplayName like '%$tag%'")), "\n";
echo 'queued now: ', qbo_status($c)['queued'], "\n";
?>
--EXPECT--
LogicException: stop the sync
progress calls: 1
sent before the stop: at most one
still queued: the rest
in QBO now: 4
queued now: 0
