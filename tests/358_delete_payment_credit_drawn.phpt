--TEST--
Deleting an Add Funds payment whose unapplied credit QBO applied to an invoice (credit_applied) takes that credit off the invoice in QBO: the invoice is queued again, not left Synced; delivered, it takes its credit from what the customer still has open, else it is Mismatch with both balances
--FILE--
<?php
require __DIR__ . '/engine.inc';
[$conn, $realm] = qbo_test_connect();
qbo_push($conn, 'customer', eng_customer('c1', 'Add', 'Funds', 'addfunds@example.com'));
qbo_push($conn, 'payment', ['date' => '2026-11-01'] + eng_payment('pa', 'c1', '50.00'));
$i = qbo_push($conn, 'invoice', eng_invoice('i1', 'c1', '30.00', 'DD-1', ['credit_applied' => '30.00']));
$bal = fn() => qbo_test_api($realm, 'GET', "invoice/{$i['qbo_id']}")['json']['Invoice']['Balance'];
echo "invoice {$i['state']}, QBO balance ", $bal(), "\n";
$d = qbo_delete($conn, 'payment', 'pa');
$e = qbo_entities($conn, ['kind' => 'invoice', 'id' => 'i1'])[0];
echo "payment {$d['state']}; invoice {$e['state']}, queued ", var_export($e['queued'], true), " - {$e['reason']}; QBO balance ", $bal(), "\n";
$r = qbo_sync($conn);
$e = qbo_entities($conn, ['kind' => 'invoice', 'id' => 'i1'])[0];
echo "after sync: invoice {$e['state']}\n{$e['reason']}\n";
// the customer's credit, as a credit note: the invoice takes it
qbo_push($conn, 'credit', ['id' => 'cr1', 'customer' => 'c1', 'date' => '2026-11-02', 'amount' => '30.00']);
$s = qbo_resend($conn, 'invoice', 'i1');
echo "with a credit note: invoice {$s['state']}, QBO balance ", $bal(), "\n";
?>
--EXPECT--
invoice Synced, QBO balance 0
payment Deleted; invoice Not Tried, queued true - Payment pa, whose unapplied credit QuickBooks applied to this invoice, was deleted: queued to apply the invoice's credit again; QBO balance 30
after sync: invoice Mismatch
Invoice i1: QuickBooks balance 30.00, billing balance 0.00 — the credit of 30.00 applied in the billing system is not applied to the invoice in QuickBooks: push the credit note (kind 'credit') that gave the customer this credit, then send the invoice again with qbo_resend() (the customer has 0.00 of open credit in QuickBooks for the 30.00 applied)
with a credit note: invoice Synced, QBO balance 0
