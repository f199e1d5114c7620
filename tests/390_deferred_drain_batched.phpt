--TEST--
Deferred mode delivers the request's records at request end as the pipeline's waves (/batch writes, rank order): every record once in QBO, all Synced; a record waiting on a dependency pushed in an earlier request has that dependency delivered first as a wave, then goes again as a wave (neither one record at a time); qbosync.batch_size=1 forces one record at a time
--FILE--
<?php
require __DIR__ . '/batch.inc';
[$conn, $realm, $opts] = qbo_test_connect(['delivery' => 'worker']);
// pushed by an earlier request, still queued (a worker has not run)
qbo_push($conn, 'customer', eng_customer('early', 'Early', 'Bird', 'early@example.com'));
unset($conn);
$docs = [];
for ($k = 1; $k <= 6; $k++) {
    $docs[] = ['customer', eng_customer("d$k", 'Deferred', "Client d$k", "d$k@example.com")];
}
for ($k = 1; $k <= 6; $k++) {
    $docs[] = ['invoice', eng_invoice("id$k", "d$k", sprintf('%d.00', 10 + $k), $k % 2 ? "DB-$k" : null)];
}
for ($k = 1; $k <= 3; $k++) {
    $docs[] = ['payment', eng_payment("pd$k", "d$k", sprintf('%d.00', 10 + $k), "id$k")];
}
$docs[] = ['invoice', eng_invoice('iearly', 'early', '5.00', 'DB-early')];
$child = eng_child_start(['opts' => ['delivery' => 'deferred'] + $opts, 'mode' => 'push', 'docs' => $docs]);
[$code, $out, $err] = eng_child_wait($child);
echo "child exit $code", $err !== '' ? " stderr: $err" : '', ", queued at push: ",
    count(array_filter(explode("\n", trim($out)), fn($l) => json_decode($l, true)['queued'] === true)), "\n";
$conn = qbo_connect($opts);
$s = qbo_status($conn);
echo "after request end: Synced {$s['counts']['Synced']}, Error {$s['counts']['Error']}, Waiting {$s['counts']['Waiting']}, queued {$s['queued']}\n";
$m = bt_markers($realm);
$bad = array_filter($m, fn($n) => $n !== 1);
echo "QBO records by marker: ", count($m), ", each once: ", var_export($bad === [], true), "\n";
$count = fn($what) => count(eng_requests($realm, "/v3/company/$realm/$what", 'POST'));
echo "writes: /batch ", $count('batch') > 0 ? 'some' : 'none', ", one record at a time: /customer {$count('customer')} (the early one goes in a /batch), /invoice {$count('invoice')} (its invoice too), /payment {$count('payment')}\n";
$inv = eng_qbo_all($realm, 'Invoice');
$paid = array_filter($inv, fn($i) => preg_match('/qbosync:invoice:id[123]\b/', $i['PrivateNote'] ?? '') && (float)$i['Balance'] == 0.0);
echo "invoices paid by the batched payments: ", count($paid), "\n";

// one record at a time, forced
$batches = $count('batch');
$child = eng_child_start(['opts' => ['delivery' => 'deferred'] + $opts, 'mode' => 'push', 'ini' => ['qbosync.batch_size' => 1],
    'docs' => [['customer', eng_customer('o1', 'One', 'At1', 'o1@example.com')], ['customer', eng_customer('o2', 'One', 'At2', 'o2@example.com')]]]);
[$code, $out, $err] = eng_child_wait($child);
echo "batch_size 1: exit $code", $err !== '' ? " stderr: $err" : '', ", new /batch ", $count('batch') - $batches, ", /customer {$count('customer')}\n";
$s = qbo_status($conn);
echo "Synced {$s['counts']['Synced']}, queued {$s['queued']}\n";
?>
--EXPECT--
child exit 0, queued at push: 16
after request end: Synced 17, Error 0, Waiting 0, queued 0
QBO records by marker: 17, each once: true
writes: /batch some, one record at a time: /customer 0 (the early one goes in a /batch), /invoice 0 (its invoice too), /payment 0
invoices paid by the batched payments: 3
batch_size 1: exit 0, new /batch 0, /customer 2
Synced 19, queued 0
