--TEST--
A payment applied to an invoice whose newer version has not reached QBO yet (its update failed and waits for a retry) waits for it ("Waiting on invoice i1, whose latest version is not in QuickBooks yet") instead of being judged against the old QBO balance (it read as partly paid in QuickBooks: Mismatch), and is delivered once the invoice is; an invoice QBO refused (Error) holds no payment up: its payment's lower amount pushed afterwards is delivered, and the invoice sent again fits
--FILE--
<?php
require __DIR__ . '/engine.inc';
[$conn, $realm, $opts] = qbo_test_connect(['delivery' => 'worker']);
qbo_push($conn, 'customer', eng_customer('c1', 'Wai', 'Ting', 'waiting@example.com'));
qbo_push($conn, 'invoice', eng_invoice('i1', 'c1', '100.00'));
qbo_push($conn, 'payment', eng_payment('p1', 'c1', '90.00', 'i1'));
$r = qbo_sync($conn, ['batch_size' => 30]);
echo "first: delivered {$r['delivered']}, remaining {$r['remaining']}\n";
/* the invoice grows to 150.00 and a second payment pays the rest; QBO fails the invoice's update once */
qbo_push($conn, 'invoice', eng_invoice('i1', 'c1', '150.00'));
qbo_push($conn, 'payment', eng_payment('p2', 'c1', '60.00', 'i1'));
qbo_test_fault(['kind' => '500', 'method' => 'POST', 'realm' => $realm, 'path' => "/v3/company/$realm/*", 'count' => 1]);
$r = qbo_sync($conn, ['batch_size' => 30]);
$st = fn($k, $id) => qbo_entities($conn, ['kind' => $k, 'id' => $id])[0];
echo "with the invoice's update failed: invoice {$st('invoice', 'i1')['state']}, p2 {$st('payment', 'p2')['state']}: {$st('payment', 'p2')['reason']}\n";
echo "QBO payments marked p2: ", eng_qbo_payments_marked($realm, 'p2'), "\n";
qbo_test_store_exec($opts['store'], 'UPDATE outbox SET next_try = 0');
for ($i = 0; $i < 3; $i++) {
    $r = qbo_sync($conn, ['batch_size' => 30]);
}
echo "after the retry: invoice {$st('invoice', 'i1')['state']}, p2 {$st('payment', 'p2')['state']}, remaining {$r['remaining']}\n";
$inv = qbo_test_query($realm, "select * from Invoice where Id = '{$st('invoice', 'i1')['qbo_id']}'")[0];
echo "QBO invoice: TotalAmt {$inv['TotalAmt']}, Balance {$inv['Balance']}; payments marked p2: ", eng_qbo_payments_marked($realm, 'p2'), "\n";

/* an invoice QBO refused (its total lowered below what a payment applies, nothing else of it on its way): Error;
 * that payment's lower amount, pushed then, is not held up by it, and the invoice sent again fits */
qbo_push($conn, 'invoice', eng_invoice('i2', 'c1', '40.00'));
qbo_push($conn, 'payment', eng_payment('p3', 'c1', '30.00', 'i2'));
qbo_sync($conn, ['batch_size' => 30]);
qbo_push($conn, 'invoice', eng_invoice('i2', 'c1', '25.00'));
qbo_sync($conn, ['batch_size' => 30]);
echo "invoice i2 {$st('invoice', 'i2')['state']}: ", preg_replace('/: A business.*/', '', (string)$st('invoice', 'i2')['reason']), "\n";
qbo_push($conn, 'payment', eng_payment('p3', 'c1', '20.00', 'i2'));
qbo_sync($conn, ['batch_size' => 30]);
echo "p3 lowered: p3 {$st('payment', 'p3')['state']}, invoice i2 {$st('invoice', 'i2')['state']}\n";
qbo_resend($conn, 'invoice', 'i2');
qbo_sync($conn, ['batch_size' => 30]);
$inv = qbo_test_query($realm, "select * from Invoice where Id = '{$st('invoice', 'i2')['qbo_id']}'")[0];
echo "sent again: invoice i2 {$st('invoice', 'i2')['state']}, QBO TotalAmt {$inv['TotalAmt']}, Balance {$inv['Balance']}\n";
?>
--EXPECTF--
first: delivered 3, remaining 0
with the invoice's update failed: invoice Synced, p2 Waiting: Waiting on invoice i1, whose latest version is not in QuickBooks yet
QBO payments marked p2: 0
after the retry: invoice Synced, p2 Synced, remaining 0
QBO invoice: TotalAmt 150, Balance 0; payments marked p2: 1
invoice i2 Error: Invoice i2: QuickBooks refused the update of Invoice %d
p3 lowered: p3 Synced, invoice i2 Error
sent again: invoice i2 Synced, QBO TotalAmt 25, Balance 5
