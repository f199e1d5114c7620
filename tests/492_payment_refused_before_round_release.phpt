--TEST--
Two new payments of an invoice go out in one /batch while a third payment's lower amount (or its deletion), which frees the balance they need, takes the one-record path after it in the same qbo_sync round: QBO refuses the second new payment (6000, the amount applied exceeds the open balance) before the lower amount lands, and by the time the round's outcomes are applied the other payment's change is Synced, so nothing is pending any more. The refusal is that order's, not the billing system's: the payment waits on the payment whose change landed after it was sent ("reached QuickBooks in the same delivery, while or after this one was sent"), goes again in the same qbo_sync and is Synced, and QBO's invoice balance is the billing system's. A payment QBO refuses when no change of its round could have freed the balance (the other record of the round a new payment, which only takes from it) stays in Error
--FILE--
<?php
require __DIR__ . '/engine.inc';
$st = fn($conn, $k, $id) => qbo_entities($conn, ['kind' => $k, 'id' => $id])[0];
$balance = fn($conn, $realm, $inv) => qbo_test_query($realm, "select * from Invoice where Id = '{$st($conn, 'invoice', $inv)['qbo_id']}'")[0]['Balance'];
$live = fn($realm, $id) => count(array_filter(eng_qbo_all($realm, 'Payment'),
    fn($r) => $r['__status'] !== 'deleted' && str_contains($r['PrivateNote'] ?? '', "qbosync:payment:$id")));
$waited = fn($conn, $id, $on) => count(array_filter(qbo_log($conn, ['kind' => 'payment', 'id' => $id, 'limit' => 50]),
    fn($l) => str_starts_with($l['message'], "Payment $id: Waiting on payment $on, whose change to invoice i1 reached QuickBooks in the same delivery, while or after this one was sent; QuickBooks refused this one meanwhile: QuickBooks refused Payment")));

foreach (['lowered' => fn($conn) => qbo_push($conn, 'payment', eng_payment('p1', 'c1', '20.00', 'i1')),
          'deleted' => fn($conn) => qbo_delete($conn, 'payment', 'p1')] as $what => $change) {
    [$conn, $realm, $opts] = qbo_test_connect(['delivery' => 'worker']);
    qbo_push($conn, 'customer', eng_customer('c1', 'Round', 'Order', 'roundorder@example.com'));
    qbo_push($conn, 'invoice', eng_invoice('i1', 'c1', '100.00'));
    qbo_push($conn, 'payment', eng_payment('p1', 'c1', '60.00', 'i1'));
    qbo_sync($conn, ['batch_size' => 30]);
    /* QBO's balance 40: p2 and p3 each fit it, together only once p1 is lower (or gone) */
    $change($conn);
    qbo_push($conn, 'payment', eng_payment('p2', 'c1', '40.00', 'i1'));
    qbo_push($conn, 'payment', eng_payment('p3', 'c1', '30.00', 'i1'));
    qbo_sync($conn, ['batch_size' => 30, 'max_in_flight' => 1]);
    echo "p1 $what: p1 {$st($conn, 'payment', 'p1')['state']}, p2 {$st($conn, 'payment', 'p2')['state']}, p3 {$st($conn, 'payment', 'p3')['state']}",
        " (waited on p1 after QBO refused it: {$waited($conn, 'p3', 'p1')}); QBO payments p1 {$live($realm, 'p1')}, p2 {$live($realm, 'p2')}",
        ", p3 {$live($realm, 'p3')}; invoice balance {$balance($conn, $realm, 'i1')}\n";
}

/* a refusal no change of its round explains (p2 is new: it only takes from the balance): QBO's rule is the verdict */
[$conn, $realm, $opts] = qbo_test_connect(['delivery' => 'worker']);
qbo_push($conn, 'customer', eng_customer('c1', 'Round', 'Order', 'roundorder@example.com'));
qbo_push($conn, 'invoice', eng_invoice('i1', 'c1', '100.00'));
qbo_push($conn, 'payment', eng_payment('p1', 'c1', '60.00', 'i1'));
qbo_sync($conn, ['batch_size' => 30]);
qbo_push($conn, 'payment', eng_payment('p2', 'c1', '40.00', 'i1'));
qbo_push($conn, 'payment', eng_payment('p3', 'c1', '30.00', 'i1'));
qbo_sync($conn, ['batch_size' => 30, 'max_in_flight' => 1]);
qbo_sync($conn, ['batch_size' => 30, 'max_in_flight' => 1]);
echo "billing over-applied: p2 {$st($conn, 'payment', 'p2')['state']}, p3 {$st($conn, 'payment', 'p3')['state']}",
    " (", str_contains($st($conn, 'payment', 'p3')['reason'], 'exceeds the open balance') ? 'QBO refused it' : $st($conn, 'payment', 'p3')['reason'],
    "); QBO payments p3 {$live($realm, 'p3')}, invoice balance {$balance($conn, $realm, 'i1')}\n";
?>
--EXPECT--
p1 lowered: p1 Synced, p2 Synced, p3 Synced (waited on p1 after QBO refused it: 1); QBO payments p1 1, p2 1, p3 1; invoice balance 10
p1 deleted: p1 Deleted, p2 Synced, p3 Synced (waited on p1 after QBO refused it: 1); QBO payments p1 0, p2 1, p3 1; invoice balance 30
billing over-applied: p2 Synced, p3 Error (QBO refused it); QBO payments p3 0, invoice balance 0
