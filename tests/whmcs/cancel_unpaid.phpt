--TEST--
WHMCS harness: cancellations: one QBO holds (voided), one cancelled before it reached QBO (Skipped); an invoice marked unpaid again
--FILE--
<?php
require __DIR__ . '/scenario.inc';
whmcs_run_scenario('cancel_unpaid.json');
?>
--EXPECT--
invoice:i1: Synced - QBO invoice 1 total 0.00 tax 0.00 balance 0.00 VOIDED [Hosting 0.00]
invoice:i2: Skipped (Cancelled before it reached QuickBooks)
invoice:i3: Synced - QBO invoice 3 total 11.00 tax 0.00 balance 11.00 [Domain 11.00]
queued after the last cron: 0
reconciliation                                                WHMCS            QBO  
customers (WHMCS clients, deleted ones included)                  1              1  ok
invoices (issued, not cancelled)                                  1              1  ok
invoiced gross (subtotal + tax)                               11.00          11.00  ok
income (invoiced net of tax, less refunds to credit)          11.00          11.00  ok
tax                                                            0.00           0.00  ok
payments received                                              0.00           0.00  ok
refunds paid out                                               0.00           0.00  ok
refunds to credit balance                                      0.00           0.00  ok
receivables (open invoice balances)                           11.00          11.00  ok
client credit balances                                         0.00           0.00  ok
net customer balances (receivables - credit)                  11.00          11.00  ok
gateway fees                                                   0.00           0.00  ok
