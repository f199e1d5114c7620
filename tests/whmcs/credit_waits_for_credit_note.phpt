--TEST--
WHMCS harness: a refund to the credit balance that QuickBooks failed to take (a 500 on the batch), that credit applied to a new invoice and the rest paid, in one cron run: the invoice waits for the credit note (not Mismatch, which held its payment for ever), its payment goes on, and once the credit note is in QuickBooks the invoice takes its credit there
--FILE--
<?php
require __DIR__ . '/scenario.inc';
whmcs_run_scenario('credit_waits_for_credit_note.json');
?>
--EXPECT--
2026-11-13 credit:r1: Not Tried (Queued, will retry: QuickBooks failed on the batch (HTTP 500, code 10000): An application error has occurred while processing your request; it will be retried later)
2026-11-13 invoice:i2: Waiting (Waiting on credit 2, the customer's credit that is not in QuickBooks yet: the customer has 0.00 of open credit in QuickBooks for the 12.00 applied; the rest is applied once it is there)
2026-11-13 payment:p2: Synced - QBO payment 8.00 unapplied 0.00 applied to Invoice i2 8.00
credit:r1: Synced - QBO creditmemo 12.00 balance 0.00
invoice:i2: Synced - QBO invoice 2 total 20.00 tax 0.00 balance 0.00 [Domain 20.00]
payment:p2: Synced - QBO payment 8.00 unapplied 0.00 applied to Invoice i2 8.00
queued after the last cron: 0
reconciliation                                                WHMCS            QBO  
customers (WHMCS clients, deleted ones included)                  1              1  ok
invoices (issued, not cancelled)                                  2              2  ok
invoiced gross (subtotal + tax)                               50.00          50.00  ok
income (invoiced net of tax, less refunds to credit)          38.00          38.00  ok
tax                                                            0.00           0.00  ok
payments received                                             38.00          38.00  ok
refunds paid out                                               0.00           0.00  ok
refunds to credit balance                                     12.00          12.00  ok
receivables (open invoice balances)                            0.00           0.00  ok
client credit balances                                         0.00           0.00  ok
net customer balances (receivables - credit)                   0.00           0.00  ok
gateway fees                                                   0.00           0.00  ok
