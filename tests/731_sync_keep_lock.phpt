--TEST--
qbo_sync's keep_lock (what bin/qbosync worker uses): the company's worker lock stays held after the call, the next call of the same process goes on under it and delivers, a call without it releases it; keep_lock must be a bool
--FILE--
<?php
require __DIR__ . '/engine.inc';
[$conn, $realm] = qbo_test_connect(['delivery' => 'worker']);
qbo_push($conn, 'customer', eng_customer('k1', 'Keep', 'Lock1', 'k1@example.com'));
$r = qbo_sync($conn, ['keep_lock' => true]);
$w = qbo_status($conn)['worker'];
echo "first: delivered {$r['delivered']}, lock held after: ", var_export($w !== null, true), ", by this process: ", var_export($w['pid'] === getmypid(), true), "\n";
qbo_push($conn, 'customer', eng_customer('k2', 'Keep', 'Lock2', 'k2@example.com'));
$r = qbo_sync($conn, ['keep_lock' => true]);
$w2 = qbo_status($conn)['worker'];
echo "second: delivered {$r['delivered']}, the same lock (owner, since): ", var_export($w2 !== null && [$w2['owner'], $w2['since']] === [$w['owner'], $w['since']], true), "\n";
$r = qbo_sync($conn, ['keep_lock' => false]);
echo "without keep_lock: delivered {$r['delivered']}, lock held after: ", var_export(qbo_status($conn)['worker'] !== null, true), "\n";
echo "in QBO: ", eng_qbo_count($realm, 'Customer', 'DisplayName', 'Keep Lock1'), " ", eng_qbo_count($realm, 'Customer', 'DisplayName', 'Keep Lock2'), "\n";
try {
    qbo_sync($conn, ['keep_lock' => 1]);
} catch (TypeError $e) {
    echo get_class($e), ": ", $e->getMessage(), "\n";
}
?>
--EXPECT--
first: delivered 1, lock held after: true, by this process: true
second: delivered 1, the same lock (owner, since): true
without keep_lock: delivered 0, lock held after: false
in QBO: 1 1
TypeError: qbo_sync(): Argument #2 ($options) option "keep_lock" must be of type bool, int given
