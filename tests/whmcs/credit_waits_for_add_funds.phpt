--TEST--
WHMCS harness: an invoice's credit applied draws on Add Funds that QuickBooks failed to take (a 500 on the batch that carried it): the invoice waits for that payment instead of Mismatch, and once it is in QuickBooks the rest of the credit is drawn, so the invoice is paid there too
--FILE--
<?php
require __DIR__ . '/scenario.inc';
whmcs_run_scenario('credit_waits_for_add_funds.json');
?>
--EXPECT--
2026-11-10 invoice:i1: Waiting (Waiting on payment 2, the customer's credit that is not in QuickBooks yet: the customer has 10.00 of open credit in QuickBooks for the 30.00 applied; the rest is applied once it is there)
2026-11-10 payment:af2: Not Tried (Queued, will retry: QuickBooks failed on the batch (HTTP 500, code 10000): An application error has occurred while processing your request; it will be retried later)
invoice:i1: Synced - QBO invoice 1 total 30.00 tax 0.00 balance 0.00 [Hosting 30.00]
payment:af1: Synced - QBO payment 10.00 unapplied 0.00 applied to Invoice i1 10.00
payment:af2: Synced - QBO payment 20.00 unapplied 0.00 applied to Invoice i1 20.00
queued after the last cron: 0
reconciliation                                                WHMCS            QBO  
customers (WHMCS clients, deleted ones included)                  1              1  ok
invoices (issued, not cancelled)                                  1              1  ok
invoiced gross (subtotal + tax)                               30.00          30.00  ok
income (invoiced net of tax, less refunds to credit)          30.00          30.00  ok
tax                                                            0.00           0.00  ok
payments received                                             30.00          30.00  ok
refunds paid out                                               0.00           0.00  ok
refunds to credit balance                                      0.00           0.00  ok
receivables (open invoice balances)                            0.00           0.00  ok
client credit balances                                         0.00           0.00  ok
net customer balances (receivables - credit)                   0.00           0.00  ok
gateway fees                                                   0.00           0.00  ok
