--TEST--
WHMCS harness: two refunds of one payment for the same amount on the same day, one paid back by hand and one to the credit balance (in both orders), then the rest through the gateway (the invoice is then refunded whole and its transactions read again): for each, one refund receipt and one credit note, neither taken for the other
--FILE--
<?php
require __DIR__ . '/scenario.inc';
whmcs_run_scenario('refunds_same_amount.json');
?>
--EXPECT--
invoice:i1: Synced - QBO invoice 1 total 110.00 tax 0.00 balance 0.00 [Hosting 110.00]
refund:r1: Synced - QBO refundreceipt 1.19 balance 0.00
credit:r1: none
credit:r2: Synced - QBO creditmemo 1.19 balance 1.19
refund:r2: none
refund:r3: Synced - QBO refundreceipt 107.62 balance 0.00
invoice:i2: Synced - QBO invoice 2 total 50.00 tax 0.00 balance 0.00 [Domain 50.00]
credit:r4: Synced - QBO creditmemo 2.50 balance 2.50
refund:r4: none
refund:r5: Synced - QBO refundreceipt 2.50 balance 0.00
credit:r5: none
refund:r6: Synced - QBO refundreceipt 45.00 balance 0.00
queued after the last cron: 0
reconciliation                                                WHMCS            QBO  
customers (WHMCS clients, deleted ones included)                  1              1  ok
invoices (issued, not cancelled)                                  2              2  ok
invoiced gross (subtotal + tax)                              160.00         160.00  ok
income (invoiced net of tax, less refunds to credit)         156.31         156.31  ok
tax                                                            0.00           0.00  ok
payments received                                            160.00         160.00  ok
refunds paid out                                             156.31         156.31  ok
refunds to credit balance                                      3.69           3.69  ok
receivables (open invoice balances)                            0.00           0.00  ok
client credit balances                                         3.69           3.69  ok
net customer balances (receivables - credit)                  -3.69          -3.69  ok
gateway fees                                                   0.00           0.00  ok
