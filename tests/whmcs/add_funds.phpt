--TEST--
WHMCS harness: Add Funds invoices and their payments become account credit; credit applied to later invoices
--FILE--
<?php
require __DIR__ . '/scenario.inc';
whmcs_run_scenario('add_funds.json');
?>
--EXPECT--
invoice:af: not sent: An Add Funds invoice is not income: its payment becomes the client's account credit in QuickBooks (an unapplied payment)
payment:paf: Synced - QBO payment 50.00 unapplied 50.00
payment:bank: Synced - QBO payment 25.00 unapplied 25.00
invoice:i1: Synced - QBO invoice 2 total 12.00 tax 0.00 balance 12.00 [Domain 12.00]
invoice:i2: Synced - QBO invoice 3 total 80.00 tax 0.00 balance 30.00 [Hosting 80.00]
payment:p2: Synced - QBO payment 50.00 unapplied 0.00 applied to Invoice i2 50.00
queued after the last cron: 0
reconciliation                                                WHMCS            QBO  
customers (WHMCS clients, deleted ones included)                  1              1  ok
invoices (issued, not cancelled)                                  2              2  ok
invoiced gross (subtotal + tax)                               92.00          92.00  ok
income (invoiced net of tax, less refunds to credit)          92.00          92.00  ok
tax                                                            0.00           0.00  ok
payments received                                            125.00         125.00  ok
refunds paid out                                               0.00           0.00  ok
refunds to credit balance                                      0.00           0.00  ok
receivables (open invoice balances)                            0.00          42.00  KNOWN GAP: invoice credit_applied is not applied in QBO yet (engine)
client credit balances                                        33.00          75.00  KNOWN GAP: invoice credit_applied is not applied in QBO yet (engine)
net customer balances (receivables - credit)                 -33.00         -33.00  ok
gateway fees                                                   0.00           0.00  ok
