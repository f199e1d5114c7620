--TEST--
Single requests beside batches: with the window's 40 /batch requests spent (by another process), a wave's creates go as single requests, each with its own requestid, and QBO holds exactly what batched delivery gives: every record once, the same customers, invoices, payments, links, balances and numbers; the store holds every record Synced with its QBO Id
--FILE--
<?php
require __DIR__ . '/batch.inc';
$pics = [];
foreach (['batches', 'singles'] as $how) {
    [$conn, $realm, $opts] = qbo_test_connect(['delivery' => 'worker']);
    if ($how === 'singles') {
        // another process used this window's 40 batch requests (QBO's minute)
        $sql = 'SELECT key FROM conn';
        $db = qbo_test_store_db($opts['store'], $sql);
        $key = $db->query($sql)->fetchColumn();
        $sql = 'INSERT INTO rate_slot(conn, at, batch) VALUES(?, ?, 1)';
        $db = qbo_test_store_db($opts['store'], $sql);
        $ins = $db->prepare($sql);
        for ($i = 0; $i < 40; $i++) {
            $ins->execute([$key, microtime(true)]);
        }
    }
    bt_load($conn, 12);
    $r = qbo_sync($conn, ['batch_size' => 5, 'rate_window' => 60]);
    echo "$how: delivered {$r['delivered']}, errors {$r['errors']}, remaining {$r['remaining']}\n";
    $log = eng_requests($realm, '/v3/company/*');
    $batches = count(array_filter($log, fn($q) => str_ends_with($q['path'], '/batch')));
    $creates = array_filter($log, fn($q) => $q['method'] === 'POST' && preg_match('#/(customer|invoice|payment)$#', $q['path']));
    $rids = array_filter(array_map(fn($q) => $q['requestid'] ?? '', $creates));
    echo "  /batch requests: ", $batches > 0 ? 'some' : 'none', ", single creates: ", count($creates),
        ", each with its own requestid: ", var_export(count(array_unique($rids)) === count($creates), true), "\n";
    echo "  ", bt_exactly_once($realm, 12), "\n";
    $rows = qbo_test_store_rows($opts['store'], "SELECT state, count(*) AS n FROM entity WHERE qbo_id <> '' GROUP BY state");
    echo "  store: ", implode(', ', array_map(fn($x) => "$x[state] with a QBO Id $x[n]", $rows)), "\n";
    // invoices pushed without a number get QBO's next DocNumber in the order QBO receives
    // them, which requests in flight together do not fix: each has its own, in the picture as "auto"
    $pic = bt_picture($realm);
    $auto = [];
    for ($k = 3; $k <= 12; $k += 3) {
        $parts = explode('|', $pic["ib$k"][0] ?? '');
        $auto[] = array_pop($parts);
        $pic["ib$k"] = [implode('|', $parts) . '|auto'];
    }
    echo "  invoices without a number: each its own DocNumber: ", var_export(count(array_unique($auto)) === 4, true), "\n";
    $pics[$how] = $pic;
}
echo "same QBO picture: ", var_export($pics['batches'] === $pics['singles'], true), "\n";
?>
--EXPECT--
batches: delivered 36, errors 0, remaining 0
  /batch requests: some, single creates: 0, each with its own requestid: true
  every record exactly once
  store: Synced with a QBO Id 36
  invoices without a number: each its own DocNumber: true
singles: delivered 36, errors 0, remaining 0
  /batch requests: none, single creates: 36, each with its own requestid: true
  every record exactly once
  store: Synced with a QBO Id 36
  invoices without a number: each its own DocNumber: true
same QBO picture: true
