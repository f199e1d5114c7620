--TEST--
Inline delivery: the records released by a delivery go together as the pipeline's waves, not one after another: four invoices and four payments pushed before their customer wait; pushing the customer delivers it, then the four invoices in one /batch, then the four payments in one /batch; QBO holds each exactly once with its links, the store every record Synced; with batch_size 1 the same records go one request each
--FILE--
<?php
require __DIR__ . '/batch.inc';
foreach ([30, 1] as $size) {
    ini_set('qbosync.batch_size', (string)$size);
    [$conn, $realm, $opts] = qbo_test_connect(['delivery' => 'inline']);
    for ($k = 1; $k <= 4; $k++) {
        qbo_push($conn, 'invoice', eng_invoice("ib$k", 'b1', sprintf('%d.00', 10 + $k), "R-$k"));
        qbo_push($conn, 'payment', eng_payment("pb$k", 'b1', sprintf('%d.00', 10 + $k), "ib$k"));
    }
    $rows = qbo_test_store_rows($opts['store'], "SELECT state, count(*) AS n FROM entity GROUP BY state");
    echo "batch_size $size, before the customer: ", implode(', ', array_map(fn($x) => "$x[state] $x[n]", $rows)), "\n";
    $s = qbo_push($conn, 'customer', eng_customer('b1', 'Inline', 'Waves', 'inline-waves@example.com'));
    echo "  customer: {$s['state']}\n";
    $rows = qbo_test_store_rows($opts['store'], "SELECT state, count(*) AS n FROM entity GROUP BY state");
    echo "  after: ", implode(', ', array_map(fn($x) => "$x[state] $x[n]", $rows)), "\n";
    $log = eng_requests($realm, '/v3/company/*', 'POST');
    $batch = count(array_filter($log, fn($q) => str_ends_with($q['path'], '/batch')));
    $single = count(array_filter($log, fn($q) => preg_match('#/(invoice|payment)$#', $q['path'])));
    echo "  /batch requests: $batch, single invoice and payment writes: $single\n";
    $pic = bt_picture($realm);
    $ok = count($pic) === 9;
    for ($k = 1; $k <= 4; $k++) {
        $ok = $ok && ($pic["ib$k"] ?? []) === [sprintf('Invoice|b1|%d|0|R-%d', 10 + $k, $k)]
            && ($pic["pb$k"] ?? []) === [sprintf('Payment|b1|%d|||ib%d', 10 + $k, $k)];
    }
    echo "  QBO: every record once, invoices paid by their payments: ", var_export($ok, true), "\n";
}
?>
--EXPECT--
batch_size 30, before the customer: Waiting 8
  customer: Synced
  after: Synced 9
  /batch requests: 2, single invoice and payment writes: 0
  QBO: every record once, invoices paid by their payments: true
batch_size 1, before the customer: Waiting 8
  customer: Synced
  after: Synced 9
  /batch requests: 0, single invoice and payment writes: 8
  QBO: every record once, invoices paid by their payments: true
