--TEST--
WHMCS harness: a refund to the credit balance (a credit note without applications) and that credit applied to an invoice, queued together: the credit note reaches QuickBooks before the invoice that uses it, so the invoice takes its credit there (not Mismatch for want of credit)
--FILE--
<?php
require __DIR__ . '/scenario.inc';
whmcs_run_scenario('credit_note_then_applied.json');
?>
--EXPECT--
invoice:i2: Synced - QBO invoice 2 total 12.00 tax 0.00 balance 0.00 [Domain 12.00]
credit:r1: Synced - QBO creditmemo 12.00 balance 0.00
queued after the last cron: 0
reconciliation                                                WHMCS            QBO  
customers (WHMCS clients, deleted ones included)                  1              1  ok
invoices (issued, not cancelled)                                  2              2  ok
invoiced gross (subtotal + tax)                               42.00          42.00  ok
income (invoiced net of tax, less refunds to credit)          30.00          30.00  ok
tax                                                            0.00           0.00  ok
payments received                                             30.00          30.00  ok
refunds paid out                                               0.00           0.00  ok
refunds to credit balance                                     12.00          12.00  ok
receivables (open invoice balances)                            0.00           0.00  ok
client credit balances                                         0.00           0.00  ok
net customer balances (receivables - credit)                   0.00           0.00  ok
gateway fees                                                   0.00           0.00  ok
