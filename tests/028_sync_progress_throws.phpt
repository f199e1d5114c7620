--TEST--
An exception thrown by the progress callable stops qbo_sync() and reaches the caller: the wave in hand is finished (its records were sent together), nothing more is sent, and what was not sent stays queued
--FILE--
<?php
require __DIR__ . '/engine.inc';
[$c, $realm] = qbo_test_connect(['delivery' => 'worker']);
$tag = bin2hex(random_bytes(4));
foreach (['t1', 't2', 't3', 't4'] as $id) {
    qbo_push($c, 'customer', ['id' => $id, 'email' => "$id.$tag@example.com", 'first_name' => 'Cancel', 'last_name' => "$id $tag"]);
}
// the invoices are a later wave (they depend on the customers)
qbo_push($c, 'invoice', eng_invoice("i1", 't1', '10.00', "C-$tag-1"));
qbo_push($c, 'invoice', eng_invoice("i2", 't2', '20.00', "C-$tag-2"));
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
$customers = fn() => count(qbo_test_query($realm, "select * from Customer where DisplayName like '%$tag%'"));
$invoices = fn() => count(qbo_test_query($realm, "select * from Invoice where DocNumber like 'C-$tag-%'"));
echo 'sent before the stop: customers ', $customers(), ', invoices ', $invoices(), "\n";
echo 'still queued: ', qbo_status($c)['queued'], "\n";
// a later sync finishes the job, without duplicates
$r = qbo_sync($c);
echo 'in QBO now: customers ', $customers(), ', invoices ', $invoices(), "\n";
echo 'queued now: ', qbo_status($c)['queued'], "\n";
?>
--EXPECT--
LogicException: stop the sync
progress calls: 1
sent before the stop: customers 4, invoices 0
still queued: 2
in QBO now: customers 4, invoices 2
queued now: 0
