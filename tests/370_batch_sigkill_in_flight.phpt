--TEST--
SIGKILL while a batch is in flight (QBO committed it, the answer never came back): after restart the ledger holds every record exactly once and the store says Synced for all
--FILE--
<?php
require __DIR__ . '/batch.inc';
[$conn, $realm, $opts] = qbo_test_connect(['delivery' => 'worker']);
bt_load($conn, 8);
foreach (['"Customer":{', '"Invoice":{', '"Payment":{'] as $n => $match) {
    // QBO commits the batch and holds its answer until the rule is deleted
    $rule = qbo_test_fault(['kind' => 'hold', 'when' => 'after', 'method' => 'POST', 'realm' => $realm,
        'path' => "/v3/company/$realm/batch", 'match' => $match, 'delay_ms' => 20000, 'count' => 1]);
    $child = eng_child_start(['opts' => $opts, 'mode' => 'sync', 'sync' => ['batch_size' => 30]]);
    qbo_test_fault_hit($rule, 60);
    usleep(300000);
    posix_kill(proc_get_status($child[0])['pid'], SIGKILL);
    eng_child_wait($child);
    qbo_test_http('DELETE', '/_sandbox/faults/' . $rule['id']);
    $r = qbo_sync($conn, ['batch_size' => 30]);
    echo "kill ", $n + 1, " during the $match batch; restart: delivered ", $r['delivered'] >= 8 ? '>= 8' : $r['delivered'],
        ", errors {$r['errors']}\n";
    if ($n < 2) {
        // another round of edits, so the next kill meets a batch again
        bt_load($conn, 8, 'r' . $n);
    }
}
$r = qbo_sync($conn, ['batch_size' => 30]);
echo "remaining {$r['remaining']}\n";
echo bt_exactly_once($realm, 8), "; ", bt_exactly_once($realm, 8, 'r0'), "; ", bt_exactly_once($realm, 8, 'r1'), "\n";
$s = qbo_status($conn);
echo "store: Synced {$s['counts']['Synced']}, Error {$s['counts']['Error']}\n";
?>
--EXPECT--
kill 1 during the "Customer":{ batch; restart: delivered >= 8, errors 0
kill 2 during the "Invoice":{ batch; restart: delivered >= 8, errors 0
kill 3 during the "Payment":{ batch; restart: delivered >= 8, errors 0
remaining 0
every record exactly once; every record exactly once; every record exactly once
store: Synced 72, Error 0
