--TEST--
An invoice with credit applied (a Payment of 0 in QBO linking the credit memo) and a billing payment is verified to the cent: the Payment of 0 is credit, which the credit applied counts, not an unknown payment that leaves the balance unchecked; so a payment changed by hand in QuickBooks to apply less leaves the invoice Mismatch when it is delivered again, with both figures, and put back it is Synced
--FILE--
<?php
require __DIR__ . '/engine.inc';
[$conn, $realm, $opts] = qbo_test_connect(['delivery' => 'worker']);
$st = fn($k, $id) => qbo_entities($conn, ['kind' => $k, 'id' => $id])[0];
qbo_push($conn, 'customer', eng_customer('c1', 'Cre', 'Dit', 'credit510@example.com'));
qbo_push($conn, 'credit', ['id' => 'cr1', 'customer' => 'c1', 'date' => '2026-11-19', 'amount' => '30.00', 'reason' => 'Account credit']);
qbo_push($conn, 'invoice', eng_invoice('i1', 'c1', '100.00', 'CB-1', ['credit_applied' => '30.00']));
qbo_push($conn, 'payment', eng_payment('p1', 'c1', '70.00', 'i1'));
for ($k = 0; $k < 4 && qbo_sync($conn)['remaining'] > 0; $k++) {
}
$inv = qbo_test_api($realm, 'GET', 'invoice/' . $st('invoice', 'i1')['qbo_id'])['json']['Invoice'];
$types = [];
foreach ($inv['LinkedTxn'] as $l) {
    $p = qbo_test_api($realm, 'GET', 'payment/' . $l['TxnId'])['json']['Payment'];
    $types[] = $p['TotalAmt'] == 0 ? 'a Payment of 0' : "a Payment of {$p['TotalAmt']}";
}
sort($types);
echo "i1 {$st('invoice', 'i1')['state']}, p1 {$st('payment', 'p1')['state']}; QBO balance {$inv['Balance']}, linked: ", implode(', ', $types), "\n";
/* by hand in QuickBooks: the payment applies 60.00 of its 70.00 */
$pq = qbo_test_query($realm, "select * from Payment where Id = '{$st('payment', 'p1')['qbo_id']}'")[0];
$line = $pq['Line'];
$pq['Line'][0]['Amount'] = 60.00;
$r = qbo_test_api($realm, 'POST', '/payment', ['Id' => $pq['Id'], 'SyncToken' => $pq['SyncToken'], 'sparse' => true,
    'TotalAmt' => 70.00, 'CustomerRef' => $pq['CustomerRef'], 'Line' => $pq['Line']]);
echo "edited in QuickBooks: HTTP {$r['status']}\n";
/* the invoice changes (its description): delivered and verified again */
$lines = [['item' => 'hosting', 'description' => 'Web hosting, renewed', 'quantity' => '1', 'unit_price' => '100.00', 'amount' => '100.00']];
qbo_push($conn, 'invoice', eng_invoice('i1', 'c1', '100.00', 'CB-1', ['credit_applied' => '30.00', 'lines' => $lines]));
qbo_sync($conn);
$i = $st('invoice', 'i1');
echo "i1 {$i['state']}: {$i['reason']}\n";
/* put back in QuickBooks, and the invoice sent again */
$pq = qbo_test_query($realm, "select * from Payment where Id = '{$st('payment', 'p1')['qbo_id']}'")[0];
qbo_test_api($realm, 'POST', '/payment', ['Id' => $pq['Id'], 'SyncToken' => $pq['SyncToken'], 'sparse' => true,
    'TotalAmt' => 70.00, 'CustomerRef' => $pq['CustomerRef'], 'Line' => $line]);
qbo_resend($conn, 'invoice', 'i1');
qbo_sync($conn);
$inv = qbo_test_api($realm, 'GET', 'invoice/' . $st('invoice', 'i1')['qbo_id'])['json']['Invoice'];
echo "put back: i1 {$st('invoice', 'i1')['state']}, QBO balance {$inv['Balance']}\n";
?>
--EXPECTF--
i1 Synced, p1 Synced; QBO balance 0, linked: a Payment of 0, a Payment of 70
edited in QuickBooks: HTTP 200
i1 Mismatch: Invoice i1: QuickBooks balance 10.00, billing balance 0.00 — the billing system's payments linked to it in QuickBooks apply 70.00 and its credit applied is 30.00, which leave another balance: %s
put back: i1 Synced, QBO balance 0
