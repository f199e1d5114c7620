--TEST--
The limiter checks the /batch budget on its own even when the 500 a minute are spent too: in the very instant the oldest of the 500 leaves the window (its wait computes to 0), a /batch still waits while the 40 /batch slots of the window are spent, and goes only once they have left it
--FILE--
<?php
require __DIR__ . '/batch.inc';
[$conn, $realm, $opts] = qbo_test_connect(['delivery' => 'worker']);
foreach (['c1', 'c2'] as $id) {
    qbo_push($conn, 'customer', eng_customer($id, 'Batch', "Client $id", "$id@example.com"));
}
qbo_push($conn, 'invoice', eng_invoice('i0', 'c1', '5.00'));   // its item is found in QBO now, not later
$r = qbo_sync($conn, ['batch_size' => 2]);
echo "customers and a first invoice: delivered {$r['delivered']}, errors {$r['errors']}\n";
// two invoices without a number: one wave, one /batch, nothing to look up
qbo_push($conn, 'invoice', eng_invoice('i1', 'c1', '10.00'));
qbo_push($conn, 'invoice', eng_invoice('i2', 'c2', '20.00'));
// another process spent both budgets of the window (a 60 s minute): 40 /batch slots that leave it
// 3.5 s from now, 460 others that stay, and from 3 s on one more slot leaving at every microsecond,
// so that whenever this process looks the oldest of the 500 leaves the window in that instant
$sql = 'SELECT key FROM conn';
$key = qbo_test_store_db($opts['store'], $sql)->query($sql)->fetchColumn();
$sql = 'INSERT INTO rate_slot(conn, at, batch) VALUES(?, ? + ? / 1e6, ?)';
$db = qbo_test_store_db($opts['store'], $sql);
$ins = $db->prepare($sql);
$g = gettimeofday();
$add = function (int $us, int $batch) use ($ins, $key, $g) {
    // stamped as the engine's clock reads that microsecond (seconds + microseconds / 1e6), a window ago
    $t = $g['usec'] + $us;
    $ins->bindValue(1, $key);
    $ins->bindValue(2, $g['sec'] + intdiv($t, 1000000) - 61, PDO::PARAM_INT);
    $ins->bindValue(3, $t % 1000000, PDO::PARAM_INT);
    $ins->bindValue(4, $batch, PDO::PARAM_INT);
    $ins->execute();
};
$db->beginTransaction();
for ($i = 0; $i < 40; $i++) {
    $add(3500000, 1);
}
for ($i = 0; $i < 460; $i++) {
    $add(61000000, 0);
}
for ($i = 0; $i < 30000; $i++) {
    $add(3000000 + $i, 0);
}
$db->commit();
$freed = $g['sec'] + ($g['usec'] + 3500000) / 1e6;   // when the 40 /batch slots leave the window
$r = qbo_sync($conn, ['batch_size' => 2, 'rate_window' => 60]);
echo "invoices: delivered {$r['delivered']}, errors {$r['errors']}, remaining {$r['remaining']}\n";
// the invoices' /batch is the newest /batch slot (stamped when it ended, on this clock)
$ended = (float)qbo_test_store_rows($opts['store'], 'SELECT max(at) AS t FROM rate_slot WHERE batch = 1')[0]['t'];
echo "the invoices' /batch went after the 40 /batch slots had left the window: ", var_export($ended >= $freed, true), "\n";
echo "429 answers: ", count(array_filter(eng_requests($realm, '/v3/company/*'), fn($q) => $q['status'] === 429)), "\n";
?>
--EXPECT--
customers and a first invoice: delivered 3, errors 0
invoices: delivered 2, errors 0, remaining 0
the invoices' /batch went after the 40 /batch slots had left the window: true
429 answers: 0
