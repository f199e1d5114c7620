--TEST--
Double-entry prevention, the other cases: an invoice partly paid in QuickBooks by hand makes the payment a Mismatch warning with both figures (not an Error, nothing written, counted); with the hand payment removed the payment goes through; a payment for an invoice our write-off closed is a Mismatch naming the write-off (never Skipped as "already paid"): the write-off reversed, it is recorded
--FILE--
<?php
require __DIR__ . '/engine.inc';
[$conn, $realm] = qbo_test_connect();
$c = qbo_push($conn, 'customer', eng_customer('1', 'Half', 'Paid', 'half@example.com'));
$i = qbo_push($conn, 'invoice', eng_invoice('2', '1', '50.00', 'HP-2'));
$bal = fn($q) => qbo_test_api($realm, 'GET', "invoice/$q")['json']['Invoice']['Balance'];
$manual = qbo_test_api($realm, 'POST', 'payment', ['CustomerRef' => ['value' => $c['qbo_id']], 'TotalAmt' => 20.00,
    'Line' => [['Amount' => 20.00, 'LinkedTxn' => [['TxnId' => $i['qbo_id'], 'TxnType' => 'Invoice']]]]])['json']['Payment'];
echo "20.00 paid by hand in QBO: invoice balance ", $bal($i['qbo_id']), "\n";
$p = qbo_push($conn, 'payment', eng_payment('3', '1', '50.00', '2'));
echo "payment of 50.00: {$p['state']}, qbo_id ", var_export($p['qbo_id'], true), "\n{$p['reason']}\n";
echo "Mismatch counted: ", qbo_status($conn)['counts']['Mismatch'] ?? 0, "; Error: ", qbo_status($conn)['counts']['Error'] ?? 0,
    "; QBO payments of the customer: ", eng_qbo_count($realm, 'Payment', 'CustomerRef.value', $c['qbo_id']), "\n";
qbo_test_api($realm, 'POST', 'payment?operation=delete', ['Id' => $manual['Id'], 'SyncToken' => $manual['SyncToken']]);
$p = qbo_resend($conn, 'payment', '3');
echo "hand payment removed, resent: {$p['state']}; invoice balance ", $bal($i['qbo_id']), "\n";

// a write-off closed the invoice; the client pays after all
$i4 = qbo_push($conn, 'invoice', eng_invoice('4', '1', '30.00', 'HP-4'));
qbo_push($conn, 'writeoff', ['id' => 'w4', 'customer' => '1', 'invoice' => '4', 'date' => '2026-12-01', 'amount' => '30.00']);
echo "written off: invoice balance ", $bal($i4['qbo_id']), "\n";
$p = qbo_push($conn, 'payment', eng_payment('5', '1', '30.00', '4'));
echo "payment of the written-off invoice: {$p['state']}\n{$p['reason']}\n";
qbo_delete($conn, 'writeoff', 'w4');
$p = qbo_resend($conn, 'payment', '5');
echo "write-off reversed, resent: {$p['state']}; invoice balance ", $bal($i4['qbo_id']), "\n";
?>
--EXPECT--
20.00 paid by hand in QBO: invoice balance 30
payment of 50.00: Mismatch, qbo_id NULL
Payment 3: QuickBooks shows invoice 2 with an open balance of 30.00, the payment applies 50.00 — it was partly paid in QuickBooks (by hand or by another tool), so this payment was not recorded: remove the payment made in QuickBooks, or record it in the billing system, then send this payment again with qbo_resend()
Mismatch counted: 1; Error: 0; QBO payments of the customer: 1
hand payment removed, resent: Synced; invoice balance 0
written off: invoice balance 0
payment of the written-off invoice: Mismatch
Payment 5: invoice 4 is written off in QuickBooks (write-off w4), so this payment was not recorded: reverse the write-off (qbo_delete($conn, 'writeoff', 'w4')) or push it with the balance still written off, then send this payment again with qbo_resend()
write-off reversed, resent: Synced; invoice balance 0