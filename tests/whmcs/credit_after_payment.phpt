--TEST--
WHMCS harness: credit applied to an invoice that a payment QuickBooks holds already paid in part: the credit is drawn in QuickBooks (the payment's part of the balance is not taken for credit already applied), so the invoice is paid there too
--FILE--
<?php
require __DIR__ . '/scenario.inc';
whmcs_run_scenario('credit_after_payment.json');
?>
--EXPECT--
invoice:i1: Synced - QBO invoice 1 total 90.50 tax 0.00 balance 0.00 [Hosting 90.50]
payment:p1: Synced - QBO payment 56.17 unapplied 0.00 applied to Invoice i1 56.17
payment:af: Synced - QBO payment 40.00 unapplied 5.67 applied to Invoice i1 34.33
queued after the last cron: 0
reconciliation                                                WHMCS            QBO  
customers (WHMCS clients, deleted ones included)                  1              1  ok
invoices (issued, not cancelled)                                  1              1  ok
invoiced gross (subtotal + tax)                               90.50          90.50  ok
income (invoiced net of tax, less refunds to credit)          90.50          90.50  ok
tax                                                            0.00           0.00  ok
payments received                                             96.17          96.17  ok
refunds paid out                                               0.00           0.00  ok
refunds to credit balance                                      0.00           0.00  ok
receivables (open invoice balances)                            0.00           0.00  ok
client credit balances                                         5.67           5.67  ok
net customer balances (receivables - credit)                  -5.67          -5.67  ok
gateway fees                                                   0.00           0.00  ok
