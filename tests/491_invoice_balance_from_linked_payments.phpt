--TEST--
An invoice's balance is verified to the cent when every Payment QBO links to it is one of the billing system's, Synced at its version: QBO's balance must be the total, less the credit applied, less what those payments' documents apply (a payment changed by hand in QuickBooks to apply less leaves the invoice Mismatch, not Synced); a linked payment with a change on its way leaves the balance unknown: the invoice waits for that payment instead of being Synced unchecked, and once the change is in QBO its balance is compared and it is Synced; and a payment applied to an invoice whose newer version waits for an item waits for that invoice
--FILE--
<?php
require __DIR__ . '/engine.inc';
[$conn, $realm, $opts] = qbo_test_connect(['delivery' => 'worker']);
$st = fn($k, $id) => qbo_entities($conn, ['kind' => $k, 'id' => $id])[0];
qbo_push($conn, 'customer', eng_customer('c1', 'Bal', 'Ance', 'balance@example.com'));
qbo_push($conn, 'invoice', eng_invoice('i1', 'c1', '100.00'));
qbo_push($conn, 'payment', eng_payment('p1', 'c1', '60.00', 'i1'));
qbo_sync($conn, ['batch_size' => 30]);
/* by hand in QuickBooks: the payment applies 50.00 of its 60.00 */
$pq = qbo_test_query($realm, "select * from Payment where Id = '{$st('payment', 'p1')['qbo_id']}'")[0];
$pq['Line'][0]['Amount'] = 50.00;
$r = qbo_test_api($realm, 'POST', '/payment', ['Id' => $pq['Id'], 'SyncToken' => $pq['SyncToken'], 'sparse' => true,
    'TotalAmt' => 60.00, 'CustomerRef' => $pq['CustomerRef'], 'Line' => $pq['Line']]);
echo "edited in QuickBooks: HTTP {$r['status']}\n";
/* the invoice changes (its description), is delivered and verified */
qbo_push($conn, 'invoice', eng_invoice('i1', 'c1', '100.00', null, ['lines' => [['item' => 'hosting', 'description' => 'Web hosting, renewed',
    'quantity' => '1', 'unit_price' => '100.00', 'amount' => '100.00']]]));
qbo_sync($conn, ['batch_size' => 30]);
$i = $st('invoice', 'i1');
echo "invoice i1 {$i['state']}: {$i['reason']}\n";

/* a linked payment with a change on its way: the balance is not judged until that change is in QBO */
[$conn, $realm, $opts] = qbo_test_connect(['delivery' => 'worker']);
$st = fn($k, $id) => qbo_entities($conn, ['kind' => $k, 'id' => $id])[0];
qbo_push($conn, 'customer', eng_customer('c1', 'Bal', 'Ance', 'balance@example.com'));
qbo_push($conn, 'invoice', eng_invoice('i2', 'c1', '100.00'));
qbo_push($conn, 'payment', eng_payment('p2', 'c1', '60.00', 'i2'));
qbo_sync($conn, ['batch_size' => 30]);
qbo_push($conn, 'invoice', eng_invoice('i2', 'c1', '100.00', null, ['lines' => [['item' => 'hosting', 'description' => 'Renewed',
    'quantity' => '1', 'unit_price' => '100.00', 'amount' => '100.00']]]));
qbo_push($conn, 'payment', eng_payment('p2', 'c1', '70.00', 'i2'));
qbo_test_fault(['kind' => '500', 'method' => 'POST', 'realm' => $realm, 'path' => "/v3/company/$realm/*",
    'match' => 'qbosync:payment:p2', 'count' => 1]);
qbo_sync($conn, ['batch_size' => 1]);
echo "p2's change failed: invoice i2 {$st('invoice', 'i2')['state']}: {$st('invoice', 'i2')['reason']}; p2 {$st('payment', 'p2')['state']}\n";
qbo_test_store_exec($opts['store'], 'UPDATE outbox SET next_try = 0');
qbo_sync($conn, ['batch_size' => 1]);
$inv = qbo_test_query($realm, "select * from Invoice where Id = '{$st('invoice', 'i2')['qbo_id']}'")[0];
echo "then: invoice i2 {$st('invoice', 'i2')['state']}, p2 {$st('payment', 'p2')['state']}, QBO balance {$inv['Balance']}\n";

/* an invoice's newer version waits for its item: the payment of its new total waits for the invoice */
[$conn, $realm, $opts] = qbo_test_connect(['delivery' => 'worker']);
$st = fn($k, $id) => qbo_entities($conn, ['kind' => $k, 'id' => $id])[0];
qbo_push($conn, 'customer', eng_customer('c1', 'Bal', 'Ance', 'balance@example.com'));
qbo_push($conn, 'invoice', eng_invoice('i3', 'c1', '30.00'));
qbo_sync($conn, ['batch_size' => 30]);
qbo_push($conn, 'item', ['id' => 'setup', 'name' => 'Setup fee', 'price' => '6.00']);
qbo_push($conn, 'invoice', eng_invoice('i3', 'c1', '36.00', null, ['lines' => [
    ['item' => 'hosting', 'description' => 'Hosting', 'quantity' => '1', 'unit_price' => '30.00', 'amount' => '30.00'],
    ['item' => 'setup', 'description' => 'Setup', 'quantity' => '1', 'unit_price' => '6.00', 'amount' => '6.00']],
    'subtotal' => '36.00', 'total' => '36.00']));
qbo_push($conn, 'payment', eng_payment('p3', 'c1', '36.00', 'i3'));
qbo_test_fault(['kind' => '500', 'method' => 'POST', 'realm' => $realm, 'path' => "/v3/company/$realm/*",
    'match' => 'Setup fee', 'count' => 1]);
qbo_sync($conn, ['batch_size' => 30]);
echo "the item failed: item {$st('item', 'setup')['state']}, invoice i3 {$st('invoice', 'i3')['state']}, p3 {$st('payment', 'p3')['state']}: {$st('payment', 'p3')['reason']}\n";
qbo_test_store_exec($opts['store'], 'UPDATE outbox SET next_try = 0');
for ($k = 0; $k < 3; $k++) {
    qbo_sync($conn, ['batch_size' => 30]);
}
$inv = qbo_test_query($realm, "select * from Invoice where Id = '{$st('invoice', 'i3')['qbo_id']}'")[0];
echo "then: invoice i3 {$st('invoice', 'i3')['state']}, p3 {$st('payment', 'p3')['state']}, QBO total {$inv['TotalAmt']}, balance {$inv['Balance']}\n";
?>
--EXPECT--
edited in QuickBooks: HTTP 200
invoice i1 Mismatch: Invoice i1: QuickBooks balance 50.00, billing balance 40.00 — the billing system's payments linked to it in QuickBooks apply 60.00 and its credit applied is 0.00, which leave another balance: a credit or payment is missing in QuickBooks or holds other money there; push the record that differs, then send the invoice again with qbo_resend()
p2's change failed: invoice i2 Waiting: Waiting on payment p2, whose latest version is not in QuickBooks yet: the invoice's balance there is checked once it is; p2 Synced
then: invoice i2 Synced, p2 Synced, QBO balance 30
the item failed: item Not Tried, invoice i3 Waiting, p3 Waiting: Waiting on invoice i3, whose latest version is not in QuickBooks yet
then: invoice i3 Synced, p3 Synced, QBO total 36, balance 0
