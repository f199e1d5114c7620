--TEST--
An invoice's credit_applied moves its QBO balance: the customer's open credit memo is applied (a Payment of 0), so the balance falls by exactly that amount and the invoice is Synced; without open credit in QBO it is Mismatch naming what is missing, never Synced
--FILE--
<?php
require __DIR__ . '/engine.inc';
[$conn, $realm] = qbo_test_connect();
qbo_push($conn, 'customer', eng_customer('c1', 'Ann', 'Lee', 'ann@example.com'));
qbo_push($conn, 'customer', eng_customer('c2', 'Bo', 'Ng', 'bo@example.com'));
// an overpayment turned into account credit in the billing system: a credit note without applications
$c = qbo_push($conn, 'credit', ['id' => 'cr9', 'customer' => 'c1', 'date' => '2026-11-19', 'amount' => '15.00', 'reason' => 'Account credit']);
echo "credit: {$c['state']}\n";
$s = qbo_push($conn, 'invoice', eng_invoice('i1', 'c1', '40.00', 'CA-1', ['credit_applied' => '10.00']));
echo "invoice: {$s['state']}", $s['reason'] ? ": {$s['reason']}" : '', "\n";
$inv = qbo_test_api($realm, 'GET', 'invoice/' . $s['qbo_id'])['json']['Invoice'];
$cm = qbo_test_api($realm, 'GET', 'creditmemo/' . $c['qbo_id'])['json']['CreditMemo'];
echo "QBO invoice: total {$inv['TotalAmt']}, balance {$inv['Balance']}; credit memo remaining {$cm['RemainingCredit']}\n";
$p = qbo_push($conn, 'payment', eng_payment('p1', 'c1', '30.00', 'i1'));
$inv = qbo_test_api($realm, 'GET', 'invoice/' . $s['qbo_id'])['json']['Invoice'];
echo "payment of the rest: {$p['state']}, invoice balance {$inv['Balance']}\n";
// no credit in QuickBooks for this customer
$s = qbo_push($conn, 'invoice', eng_invoice('i2', 'c2', '40.00', 'CA-2', ['credit_applied' => '10.00']));
echo "invoice without credit in QBO: {$s['state']}\n{$s['reason']}\n";
?>
--EXPECT--
credit: Synced
invoice: Synced
QBO invoice: total 40, balance 30; credit memo remaining 5
payment of the rest: Synced, invoice balance 0
invoice without credit in QBO: Mismatch
Invoice i2: QuickBooks balance 40.00, billing balance 30.00 — the credit of 10.00 applied in the billing system is not applied to the invoice in QuickBooks: push the credit note (kind 'credit') that gave the customer this credit, then send the invoice again with qbo_resend() (the customer has 0.00 of open credit in QuickBooks for the 10.00 applied)
