--TEST--
Neither of QBO's budgets waits for the other: with the window's 40 /batch requests spent (by another process, for a while yet) and a few single requests left, the round's last wave goes as single creates on those while its first waves wait whole for the next batch slots (not the first wave split and the rest stuck behind it); every record exactly once, Synced, the limiter never exceeded
--FILE--
<?php
require __DIR__ . '/engine.inc';
[$conn, $realm, $opts] = qbo_test_connect(['delivery' => 'worker']);
$window = 6.0;
qbo_test_http('POST', '/_sandbox/limits', ['realm' => $realm, 'time_scale' => 60 / $window]);
qbo_test_http('POST', '/_sandbox/latency', ['realm' => $realm, 'fixed_ms' => 20, 'jitter_ms' => 0]);
for ($k = 1; $k <= 15; $k++) {
    qbo_push($conn, 'customer', eng_customer("c$k", 'Budget', "Client $k", "budget$k@example.com"));
}
$sql = 'SELECT key FROM conn';
$db = qbo_test_store_db($opts['store'], $sql);
$key = $db->query($sql)->fetchColumn();
$sql = 'INSERT INTO rate_slot(conn, at, batch) VALUES(?, ?, ?)';
$db = qbo_test_store_db($opts['store'], $sql);
$ins = $db->prepare($sql);
$t0 = microtime(true);
$db->beginTransaction();
for ($i = 0; $i < 495; $i++) {
    // 40 /batch requests that leave the limiter's window 2.5 s from now, 455 single ones that stay in it
    $ins->execute([$key, $i < 40 ? $t0 - $window * 61 / 60 + 2.5 : $t0, $i < 40 ? 1 : 0]);
}
$db->commit();
$r = qbo_sync($conn, ['batch_size' => 5, 'rate_window' => $window]);
echo "delivered {$r['delivered']}, errors {$r['errors']}, remaining {$r['remaining']}\n";
$batched = $single = [];
foreach (qbo_log($conn, ['type' => 'exchange', 'limit' => 1000]) as $row) {
    if (str_ends_with(strtok((string)$row['path'], '?'), '/batch')) {
        $batched[] = (string)$row['records'];
    } elseif ($row['method'] === 'POST' && str_contains((string)$row['path'], '/customer')) {
        $single[] = (string)($row['records'] ?: "$row[kind] $row[id]");
    }
}
sort($batched);
sort($single);
echo "/batch requests: ", implode(' | ', $batched), "\n";
echo "single creates: ", implode(', ', $single), "\n";
$log = eng_requests($realm, '/v3/company/*');
echo "throttled answers: ", count(array_filter($log, fn($q) => $q['status'] === 429)), "\n";
$once = 0;
foreach (eng_qbo_all($realm, 'Customer') as $row) {
    $once += preg_match('/qbosync:customer:c\d+/', $row['Notes'] ?? '') ? 1 : 0;
}
echo "QBO customers of ours: $once; Synced ", qbo_status($conn)['counts']['Synced'], "\n";
?>
--EXPECT--
delivered 15, errors 0, remaining 0
/batch requests: customer c1, customer c2, customer c3, customer c4, customer c5 | customer c6, customer c7, customer c8, customer c9, customer c10
single creates: customer c11, customer c12, customer c13, customer c14, customer c15
throttled answers: 0
QBO customers of ours: 15; Synced 15