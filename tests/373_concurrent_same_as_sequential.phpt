--TEST--
Concurrent delivery (batch_size 5: three waves of a kind in flight together) gives QBO exactly the ledger one-at-a-time delivery gives: every record once, the same links and balances (invoices without a number get the same set of QBO numbers, in arrival order), and no wave of a later rank in flight with the waves it depends on
--FILE--
<?php
require __DIR__ . '/batch.inc';
$pics = [];
foreach ([1, 5] as $size) {
    [$conn, $realm, $opts] = qbo_test_connect(['delivery' => 'worker']);
    if ($size > 1) {
        // each request takes 150 ms in the sandbox: requests sent one after another cannot overlap
        qbo_test_http('POST', '/_sandbox/latency', ['realm' => $realm, 'fixed_ms' => 150, 'jitter_ms' => 0]);
    }
    bt_load($conn, 15);
    $r = qbo_sync($conn, ['batch_size' => $size]);
    echo "batch_size $size: delivered {$r['delivered']}, errors {$r['errors']}, remaining {$r['remaining']}\n";
    echo "  ", bt_exactly_once($realm, 15), "\n";
    // invoices pushed without a number get QBO's next DocNumber in the order QBO
    // receives them, which concurrent waves do not fix: compared as a set
    $pic = bt_picture($realm);
    $auto = [];
    foreach ($pic as $k => $v) {
        if (preg_match('/^ib(\d+)$/', $k, $m) && $m[1] % 3 === 0) {
            $parts = explode('|', $v[0]);
            $auto[] = array_pop($parts);
            $pic[$k] = [implode('|', $parts) . '|(next number)'];
        }
    }
    sort($auto);
    $pics[$size] = [$pic, $auto];
    if ($size > 1) {
        $groups = bt_overlap_groups(bt_batch_intervals($realm));
        // one round is the waves of one kind: customers' lookups, their creates, invoices, payments' lookups, their creates
        echo "  /batch requests in flight together: ", var_export(max($groups) >= 2, true), "\n";
        echo "  never more than one round (3 waves) in flight: ", var_export(max($groups) <= 3, true), "\n";
        echo "  throttled answers: ", count(array_filter(eng_requests($realm, '/v3/company/*'), fn($q) => $q['status'] === 429)), "\n";
    }
}
echo "records in QBO: ", count($pics[5][0]), "; same QBO ledger: ", var_export($pics[1][0] === $pics[5][0], true),
    "; the same numbers given to the invoices without one: ", var_export($pics[1][1] === $pics[5][1], true), "\n";
?>
--EXPECT--
batch_size 1: delivered 45, errors 0, remaining 0
  every record exactly once
batch_size 5: delivered 45, errors 0, remaining 0
  every record exactly once
  /batch requests in flight together: true
  never more than one round (3 waves) in flight: true
  throttled answers: 0
records in QBO: 45; same QBO ledger: true; the same numbers given to the invoices without one: true
