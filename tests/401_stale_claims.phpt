--TEST--
Claims left by dead processes: a dead owner on this host or a claim older than the timeout is taken over (same requestid); a live or fresh foreign claim is left alone
--FILE--
<?php
require __DIR__ . '/engine.inc';
[$conn, $realm, $opts] = qbo_test_connect(['delivery' => 'worker']);
foreach (['1', '2', '3', '4'] as $k) {
    qbo_push($conn, 'customer', eng_customer($k, 'Claim', "Case$k", "c$k@example.com"));
}
$host = gethostname();
$dead = 4194304 + 1;   // above pid_max's default, so no such process
$set = fn(array $v) => qbo_test_store_exec($opts['store'], "UPDATE outbox SET status = 'sending', owner = ?, claimed = ? WHERE local_id = ?", $v);
$set(["$dead@$host#deadbeef0000", microtime(true), '1']);              // dead process on this host
$set(['123@another-host#aaaaaaaaaaaa', microtime(true) - 7200, '2']);  // foreign host, two hours old
$set(['123@another-host#bbbbbbbbbbbb', microtime(true), '3']);         // foreign host, fresh: may still be working
$set([getmypid() . "@$host#cccccccccccc", microtime(true), '4']);      // a live process on this host
$r = qbo_sync($conn);
echo "sync: delivered {$r['delivered']}, remaining {$r['remaining']}\n";
foreach (qbo_entities($conn) as $e) {
    echo "{$e['id']}: {$e['state']}\n";
}
$took = qbo_test_store_rows($opts['store'], "SELECT local_id FROM log WHERE message LIKE 'Taking over%' ORDER BY local_id");
echo "taken over: ", implode(',', array_column($took, 'local_id')), "\n";
// an inline push of the same document re-takes a dead claim too
$set(["$dead@$host#deadbeef0001", microtime(true), '3']);
$inline = qbo_connect(['delivery' => 'inline'] + $opts);
$st = qbo_push($inline, 'customer', eng_customer('3', 'Claim', 'Case3', 'c3@example.com'));
echo "inline re-push of 3: {$st['state']}\n";
echo "QBO: ", eng_qbo_count($realm, 'Customer', 'DisplayName', 'Claim Case1'), eng_qbo_count($realm, 'Customer', 'DisplayName', 'Claim Case2'),
    eng_qbo_count($realm, 'Customer', 'DisplayName', 'Claim Case3'), eng_qbo_count($realm, 'Customer', 'DisplayName', 'Claim Case4'), "\n";
?>
--EXPECT--
sync: delivered 2, remaining 2
1: Synced
2: Synced
3: Not Tried
4: Not Tried
taken over: 1,2
inline re-push of 3: Synced
QBO: 1110
