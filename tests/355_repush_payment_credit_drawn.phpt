--TEST--
A payment an invoice's credit_applied drew on (account credit, unapplied) stays Synced when it is pushed again (QBO_FORCE, resend, a new version): the update keeps the lines linking the invoices the credit went to, so QBO holds the same money (the invoice's balance unchanged, the payment's UnappliedAmt what is left); a line QBO has that neither the document nor a credit application explains is still a Mismatch
--FILE--
<?php
require __DIR__ . '/engine.inc';
[$conn, $realm] = qbo_test_connect();
qbo_push($conn, 'customer', eng_customer('c1', 'Ad', 'Funds', 'ad@example.com'));
$addFunds = ['date' => '2026-11-01'] + eng_payment('pa', 'c1', '50.00');
$pa = qbo_push($conn, 'payment', $addFunds);
$inv = qbo_push($conn, 'invoice', eng_invoice('i1', 'c1', '30.00', 'RP-1', ['credit_applied' => '30.00']));
$show = function (string $what, array $st) use ($realm, $pa, $inv) {
    $p = qbo_test_api($realm, 'GET', "payment/{$pa['qbo_id']}")['json']['Payment'];
    $i = qbo_test_api($realm, 'GET', "invoice/{$inv['qbo_id']}")['json']['Invoice'];
    echo "$what: payment {$st['state']}", $st['reason'] ? " ({$st['reason']})" : '', "; QBO payment total {$p['TotalAmt']}, unapplied {$p['UnappliedAmt']}, lines [",
        implode(', ', array_map(fn($l) => "{$l['LinkedTxn'][0]['TxnType']} {$l['Amount']}", $p['Line'] ?? [])), "]; invoice balance {$i['Balance']}\n";
};
$show('credit drawn', qbo_entities($conn, ['kind' => 'payment', 'id' => 'pa'])[0]);
$show('forced again', qbo_push($conn, 'payment', $addFunds, QBO_FORCE));
$show('resent', qbo_resend($conn, 'payment', 'pa'));
$show('new version', qbo_push($conn, 'payment', ['reference' => 'TX-pa-2'] + $addFunds));
echo "invoice: ", qbo_entities($conn, ['kind' => 'invoice', 'id' => 'i1'])[0]['state'], "\n";
// a line added in QuickBooks by hand, to an invoice no credit was applied to: Mismatch
$i2 = qbo_push($conn, 'invoice', eng_invoice('i2', 'c1', '15.00', 'RP-2'));
$p = qbo_test_api($realm, 'GET', "payment/{$pa['qbo_id']}")['json']['Payment'];
$lines = $p['Line'];
$lines[] = ['Amount' => 5, 'LinkedTxn' => [['TxnId' => $i2['qbo_id'], 'TxnType' => 'Invoice']]];
qbo_test_api($realm, 'POST', 'payment', ['Id' => $p['Id'], 'SyncToken' => $p['SyncToken'], 'sparse' => true, 'Line' => $lines, 'TotalAmt' => 50]);
$st = qbo_push($conn, 'payment', $addFunds, QBO_FORCE);
echo "with a line by hand: {$st['state']}\n{$st['reason']}\n";
// an overpayment: 70.00 of which 40.00 applies to i3; 30.00 of its credit goes to i4, then the payment changes
qbo_push($conn, 'customer', eng_customer('c2', 'Over', 'Paid', 'over@example.com'));
$i3 = qbo_push($conn, 'invoice', eng_invoice('i3', 'c2', '40.00', 'RP-3'));
$over = ['id' => 'p2', 'customer' => 'c2', 'date' => '2026-11-02', 'amount' => '70.00', 'method' => 'paypal',
    'reference' => 'TX-p2', 'applies_to' => [['invoice' => 'i3', 'amount' => '40.00']]];
$p2 = qbo_push($conn, 'payment', $over);
$i4 = qbo_push($conn, 'invoice', eng_invoice('i4', 'c2', '30.00', 'RP-4', ['credit_applied' => '30.00']));
$st = qbo_push($conn, 'payment', ['reference' => 'TX-p2-b'] + $over);
$p = qbo_test_api($realm, 'GET', "payment/{$p2['qbo_id']}")['json']['Payment'];
echo "overpayment updated: {$st['state']}; lines [", implode(', ', array_map(fn($l) => ($l['LinkedTxn'][0]['TxnId'] === $i3['qbo_id'] ? 'i3 ' : 'i4 ') . $l['Amount'], $p['Line'])),
    "], unapplied {$p['UnappliedAmt']}, PaymentRefNum {$p['PaymentRefNum']}; i4 balance ", qbo_test_api($realm, 'GET', "invoice/{$i4['qbo_id']}")['json']['Invoice']['Balance'], "\n";
?>
--EXPECT--
credit drawn: payment Synced; QBO payment total 50, unapplied 20, lines [Invoice 30]; invoice balance 0
forced again: payment Synced; QBO payment total 50, unapplied 20, lines [Invoice 30]; invoice balance 0
resent: payment Synced; QBO payment total 50, unapplied 20, lines [Invoice 30]; invoice balance 0
new version: payment Synced; QBO payment total 50, unapplied 20, lines [Invoice 30]; invoice balance 0
invoice: Synced
with a line by hand: Mismatch
Payment pa: QuickBooks amount applied to QBO Invoice 3 5.00, billing amount applied to QBO Invoice 3 0.00 — QuickBooks applies the payment to an invoice the billing system does not; correct the record in QuickBooks or in the billing system, then send it again with qbo_resend()
overpayment updated: Synced; lines [i3 40, i4 30], unapplied 0, PaymentRefNum TX-p2-b; i4 balance 0
