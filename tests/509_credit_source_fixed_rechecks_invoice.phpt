--TEST--
An invoice in Mismatch because the customer's credit it applies was short in QBO while the payment leaving that credit was refused (Error) is looked at again once that payment is fixed and reaches QBO: its credit is drawn from the payment, Synced with QBO's balance the billing one; another customer's invoice in Mismatch is not touched; in worker mode the same happens through qbo_sync
--FILE--
<?php
require __DIR__ . '/engine.inc';
$run = function (string $delivery, string $tag) {
    [$conn, $realm, $opts] = qbo_test_connect(['delivery' => $delivery]);
    $st = fn($k, $id) => qbo_entities($conn, ['kind' => $k, 'id' => $id])[0];
    $bal = fn($id) => qbo_test_api($realm, 'GET', 'invoice/' . $st('invoice', $id)['qbo_id'])['json']['Invoice']['Balance'];
    $drain = function () use ($conn, $opts, $delivery) {
        if ($delivery === 'worker') {
            qbo_test_store_exec($opts['store'], 'UPDATE outbox SET next_try = 0');
            for ($i = 0; $i < 10 && qbo_sync($conn)['remaining'] > 0; $i++) {
            }
        }
    };
    qbo_push($conn, 'customer', eng_customer('c1', 'Fix', 'Source', "fix$tag@example.com"));
    qbo_push($conn, 'customer', eng_customer('c2', 'Other', 'Short', "other$tag@example.com"));
    /* c1's Add Funds payment: refused, its payment method inactive in QBO */
    $pm = qbo_test_api($realm, 'POST', 'paymentmethod', ['Name' => 'Paused card'])['json']['PaymentMethod'];
    qbo_map($conn, 'payment_method', 'paused', $pm['Id']);
    $pm = qbo_test_api($realm, 'POST', 'paymentmethod', ['Id' => $pm['Id'], 'SyncToken' => $pm['SyncToken'], 'Name' => 'Paused card',
        'Active' => false, 'sparse' => true])['json']['PaymentMethod'];
    try {
        qbo_push($conn, 'payment', ['method' => 'paused'] + eng_payment('p1', 'c1', '25.00'));
    } catch (QboSync\ApiException $ex) {
        /* inline: the refusal is the push's answer */
    }
    $drain();
    echo "$tag p1: {$st('payment', 'p1')['state']}\n";
    qbo_push($conn, 'invoice', eng_invoice('i1', 'c1', '40.00', "FX-$tag-1", ['credit_applied' => '25.00']));
    qbo_push($conn, 'invoice', eng_invoice('i2', 'c2', '30.00', "FX-$tag-2", ['credit_applied' => '10.00']));
    $drain();
    foreach (['i1', 'i2'] as $i) {
        echo "$tag $i: {$st('invoice', $i)['state']}, QBO balance {$bal($i)}\n";
    }
    /* the payment method active again; the payment sent again */
    qbo_test_api($realm, 'POST', 'paymentmethod', ['Id' => $pm['Id'], 'SyncToken' => $pm['SyncToken'], 'Name' => 'Paused card',
        'Active' => true, 'sparse' => true]);
    $s = qbo_resend($conn, 'payment', 'p1');
    $drain();
    echo "$tag p1 sent again: {$st('payment', 'p1')['state']}\n";
    foreach (['i1', 'i2'] as $i) {
        $e = $st('invoice', $i);
        echo "$tag $i: {$e['state']}", $e['state'] === 'Synced' ? '' : ": {$e['reason']}", "; QBO balance {$bal($i)}\n";
    }
    $p = qbo_test_api($realm, 'GET', 'payment/' . $st('payment', 'p1')['qbo_id'])['json']['Payment'];
    $links = [];
    foreach ($p['Line'] ?? [] as $l) {
        foreach ($l['LinkedTxn'] ?? [] as $t) {
            $links[] = "{$t['TxnType']} " . ($t['TxnId'] === $st('invoice', 'i1')['qbo_id'] ? 'i1' : $t['TxnId']) . " {$l['Amount']}";
        }
    }
    echo "$tag p1 in QBO: unapplied {$p['UnappliedAmt']}, applied to ", implode(', ', $links) ?: 'nothing', "\n";
    echo "$tag invoices QBO holds: ", count(eng_qbo_all($realm, 'Invoice')), ", payments: ", count(eng_qbo_all($realm, 'Payment')), "\n";
    $log = array_filter(qbo_log($conn, ['limit' => 100]), fn($l) => str_contains($l['message'] ?? '', 'looked at again'));
    echo "$tag log: ", implode(' | ', array_map(fn($l) => $l['message'], $log)), "\n";
};
$run('inline', 'in');
$run('worker', 'wk');
?>
--EXPECTF--
in p1: Error
in i1: Mismatch, QBO balance 40
in i2: Mismatch, QBO balance 30
in p1 sent again: Synced
in i1: Synced; QBO balance 15
in i2: Mismatch: Invoice i2: QuickBooks balance 30.00, billing balance 20.00 — %s; QBO balance 30
in p1 in QBO: unapplied 0, applied to Invoice i1 25
in invoices QBO holds: 2, payments: 1
in log: Invoice i1: looked at again: Payment p1, which leaves customer c1 credit, is in QuickBooks now
wk p1: Error
wk i1: Mismatch, QBO balance 40
wk i2: Mismatch, QBO balance 30
wk p1 sent again: Synced
wk i1: Synced; QBO balance 15
wk i2: Mismatch: Invoice i2: QuickBooks balance 30.00, billing balance 20.00 — %s; QBO balance 30
wk p1 in QBO: unapplied 0, applied to Invoice i1 25
wk invoices QBO holds: 2, payments: 1
wk log: Invoice i1: looked at again: Payment p1, which leaves customer c1 credit, is in QuickBooks now
