--TEST--
A payment judged while another payment of the same invoice has a change on its way to QBO: QBO's balance is not the billing system's yet, so neither the double-entry check ("already paid": Skipped) nor QBO's refusal of an application above the open balance (6000: Error) is the verdict; the payment waits on the other one ("Waiting on payment p1, whose change to invoice i1 is not in QuickBooks yet") and is delivered after it. The same for an invoice's lower total that QBO refuses while its payment's lower amount is on its way
--FILE--
<?php
require __DIR__ . '/engine.inc';
$st = fn($conn, $k, $id) => qbo_entities($conn, ['kind' => $k, 'id' => $id])[0];
$paid = fn($realm, $id) => eng_qbo_payments_marked($realm, $id);

/* 1. the double-entry check: QBO shows invoice i1 paid by p1, whose lower amount is still on its way */
[$conn, $realm, $opts] = qbo_test_connect(['delivery' => 'worker']);
qbo_push($conn, 'customer', eng_customer('c1', 'Pay', 'Order', 'payorder@example.com'));
qbo_push($conn, 'invoice', eng_invoice('i1', 'c1', '100.00'));
qbo_push($conn, 'payment', eng_payment('p1', 'c1', '100.00', 'i1'));
qbo_sync($conn, ['batch_size' => 30]);
qbo_push($conn, 'payment', eng_payment('p1', 'c1', '40.00', 'i1'));
qbo_push($conn, 'payment', eng_payment('p2', 'c1', '60.00', 'i1'));
qbo_test_fault(['kind' => '500', 'method' => 'POST', 'realm' => $realm, 'path' => "/v3/company/$realm/*",
    'match' => 'qbosync:payment:p1', 'count' => 1]);
qbo_sync($conn, ['batch_size' => 1]);
echo "p1's change failed: p1 {$st($conn, 'payment', 'p1')['state']}, p2 {$st($conn, 'payment', 'p2')['state']}: {$st($conn, 'payment', 'p2')['reason']}\n";
qbo_test_store_exec($opts['store'], 'UPDATE outbox SET next_try = 0');
qbo_sync($conn, ['batch_size' => 1]);
qbo_sync($conn, ['batch_size' => 1]);
$inv = qbo_test_query($realm, "select * from Invoice where Id = '{$st($conn, 'invoice', 'i1')['qbo_id']}'")[0];
echo "then: p1 {$st($conn, 'payment', 'p1')['state']}, p2 {$st($conn, 'payment', 'p2')['state']}; QBO payments p1 {$paid($realm, 'p1')}, p2 {$paid($realm, 'p2')}, invoice balance {$inv['Balance']}\n";

/* 2. QBO's refusal: p4's first attempt failed before its check (a retry sends without it), and p3's lower amount is on its way */
[$conn, $realm, $opts] = qbo_test_connect(['delivery' => 'worker']);
qbo_push($conn, 'customer', eng_customer('c1', 'Pay', 'Order', 'payorder@example.com'));
qbo_push($conn, 'invoice', eng_invoice('i1', 'c1', '100.00'));
qbo_push($conn, 'payment', eng_payment('p3', 'c1', '100.00', 'i1'));
qbo_sync($conn, ['batch_size' => 30]);
qbo_push($conn, 'payment', eng_payment('p4', 'c1', '30.00', 'i1'));
qbo_push($conn, 'payment', eng_payment('p3', 'c1', '70.00', 'i1'));
qbo_test_fault(['kind' => '500', 'method' => 'GET', 'realm' => $realm, 'path' => "/v3/company/$realm/invoice/*", 'count' => 1]);
qbo_test_fault(['kind' => '500', 'method' => 'POST', 'realm' => $realm, 'path' => "/v3/company/$realm/*",
    'match' => 'qbosync:payment:p3', 'count' => 1]);
qbo_sync($conn, ['batch_size' => 1]);
echo "both failed once: p3 {$st($conn, 'payment', 'p3')['state']}, p4 {$st($conn, 'payment', 'p4')['state']} (attempts {$st($conn, 'payment', 'p4')['attempts']})\n";
qbo_test_store_exec($opts['store'], 'UPDATE outbox SET next_try = 0');
qbo_sync($conn, ['batch_size' => 1]);
qbo_sync($conn, ['batch_size' => 1]);
$waited = array_filter(qbo_log($conn, ['kind' => 'payment', 'id' => 'p4', 'limit' => 50]),
    fn($l) => str_starts_with($l['message'], 'Payment p4: Waiting on payment p3, whose change to invoice i1 is not in QuickBooks yet; until then QuickBooks refuses this one: QuickBooks refused Payment'));
echo "p4 waited on p3 after QBO refused it: ", count($waited), "\n";
$inv = qbo_test_query($realm, "select * from Invoice where Id = '{$st($conn, 'invoice', 'i1')['qbo_id']}'")[0];
echo "then: p3 {$st($conn, 'payment', 'p3')['state']}, p4 {$st($conn, 'payment', 'p4')['state']}; QBO payments p3 {$paid($realm, 'p3')}, p4 {$paid($realm, 'p4')}, invoice balance {$inv['Balance']}\n";

/* 3. an invoice's lower total, refused while its payment's lower amount is on its way */
[$conn, $realm, $opts] = qbo_test_connect(['delivery' => 'worker']);
qbo_push($conn, 'customer', eng_customer('c1', 'Pay', 'Order', 'payorder@example.com'));
qbo_push($conn, 'invoice', eng_invoice('i2', 'c1', '40.00'));
qbo_push($conn, 'payment', eng_payment('p5', 'c1', '30.00', 'i2'));
qbo_sync($conn, ['batch_size' => 30]);
qbo_push($conn, 'invoice', eng_invoice('i2', 'c1', '25.00'));
qbo_push($conn, 'payment', eng_payment('p5', 'c1', '20.00', 'i2'));
qbo_sync($conn, ['batch_size' => 30]);
qbo_sync($conn, ['batch_size' => 30]);
$waited = array_filter(qbo_log($conn, ['kind' => 'invoice', 'id' => 'i2', 'limit' => 50]),
    fn($l) => str_starts_with($l['message'], 'Invoice i2: Waiting on payment p5, whose change to invoice i2 is not in QuickBooks yet; until then QuickBooks refuses this one'));
$inv = qbo_test_query($realm, "select * from Invoice where Id = '{$st($conn, 'invoice', 'i2')['qbo_id']}'")[0];
echo "invoice i2 waited on p5: ", count($waited), "; then invoice i2 {$st($conn, 'invoice', 'i2')['state']}, p5 {$st($conn, 'payment', 'p5')['state']}, QBO TotalAmt {$inv['TotalAmt']}, Balance {$inv['Balance']}\n";
?>
--EXPECT--
p1's change failed: p1 Synced, p2 Waiting: Waiting on payment p1, whose change to invoice i1 is not in QuickBooks yet (QuickBooks shows the invoice paid until then)
then: p1 Synced, p2 Synced; QBO payments p1 1, p2 1, invoice balance 0
both failed once: p3 Synced, p4 Not Tried (attempts 1)
p4 waited on p3 after QBO refused it: 1
then: p3 Synced, p4 Synced; QBO payments p3 1, p4 1, invoice balance 0
invoice i2 waited on p5: 1; then invoice i2 Synced, p5 Synced, QBO TotalAmt 25, Balance 5
