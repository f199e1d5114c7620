--TEST--
qbo_sync() answers "waiting" as qbo_status() counts it: every record Waiting after the run, also those whose recheck is not due yet; "mismatches" counts this run's Mismatch outcomes
--FILE--
<?php
require __DIR__ . '/engine.inc';
[$conn, $realm] = qbo_test_connect(['delivery' => 'worker']);
qbo_push($conn, 'invoice', eng_invoice('w1', 'nobody', '10.00'));
qbo_push($conn, 'invoice', eng_invoice('w2', 'nobody', '20.00'));
$r = qbo_sync($conn);
echo "first sync: ", json_encode($r), "\n";
$r = qbo_sync($conn);
echo "second sync (nothing due): ", json_encode($r), "\n";
$s = qbo_status($conn);
echo "status: Waiting {$s['counts']['Waiting']}, queued {$s['queued']}\n";
foreach (qbo_entities($conn, ['state' => 'Waiting']) as $e) {
    echo "{$e['id']}: {$e['reason']}\n";
}
?>
--EXPECT--
first sync: {"delivered":0,"errors":0,"waiting":2,"mismatches":0,"remaining":2}
second sync (nothing due): {"delivered":0,"errors":0,"waiting":2,"mismatches":0,"remaining":2}
status: Waiting 2, queued 2
w1: Waiting on customer nobody
w2: Waiting on customer nobody
