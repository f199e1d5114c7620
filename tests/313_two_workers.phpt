--TEST--
Two workers draining the same store at once: each record is claimed and sent by one of them only (every QBO customer once, no write request sent twice), all Synced
--FILE--
<?php
require __DIR__ . '/engine.inc';
[$conn, $realm, $opts] = qbo_test_connect(['delivery' => 'worker']);
for ($k = 1; $k <= 16; $k++) {
    qbo_push($conn, 'customer', eng_customer("w$k", 'Worker', "Test$k", "w$k@example.com"));
}
unset($conn);
qbo_test_http('POST', '/_sandbox/latency', ['realm' => $realm, 'fixed_ms' => 10, 'jitter_ms' => 20]);
$go = qbo_test_tmp($opts['store'], '.go');
$kids = [];
foreach (['1', '2'] as $n) {
    $pid = pcntl_fork();
    if ($pid === 0) {
        while (!file_exists($go)) {
            usleep(1000);
        }
        $r = qbo_sync(qbo_connect($opts));
        file_put_contents(qbo_test_tmp($opts['store'], ".out$n"), json_encode($r));
        exit(0);   // a normal exit: qbo.inc's shutdown functions act only in the parent
    }
    $kids[] = $pid;
}
touch($go);
foreach ($kids as $pid) {
    pcntl_waitpid($pid, $status);
}
@unlink($go);
$sum = 0;

foreach (['1', '2'] as $n) {
    $r = json_decode((string)@file_get_contents(qbo_test_tmp($opts['store'], ".out$n")), true);
    @unlink(qbo_test_tmp($opts['store'], ".out$n"));
    $sum += $r['delivered'] ?? 0;

}
qbo_test_http('DELETE', '/_sandbox/latency', ['realm' => $realm]);
echo "delivered by the two workers together: $sum\n";
// writes go one per record (/customer) or packed (/batch): none is sent twice
$posts = array_merge(eng_requests($realm, "/v3/company/$realm/customer", 'POST'), eng_requests($realm, "/v3/company/$realm/batch", 'POST'));
$rids = array_count_values(array_map(fn($p) => (string)$p['requestid'], $posts));
echo "write requests sent twice: ", count($posts) - count($rids), "\n";
$conn = qbo_connect($opts);
$s = qbo_status($conn);
echo "store: Synced {$s['counts']['Synced']}, queued {$s['queued']}\n";
$names = [];
foreach (eng_qbo_all($realm, 'Customer') as $c) {
    if (str_starts_with($c['DisplayName'], 'Worker Test')) {
        $names[$c['DisplayName']] = ($names[$c['DisplayName']] ?? 0) + 1;
    }
}
echo "QBO customers: ", count($names), ", each once: ", var_export(array_unique(array_values($names)) === [1], true), "\n";
?>
--EXPECT--
delivered by the two workers together: 16
write requests sent twice: 0
store: Synced 16, queued 0
QBO customers: 16, each once: true
