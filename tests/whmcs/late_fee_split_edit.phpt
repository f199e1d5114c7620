--TEST--
WHMCS harness: a late fee added by cron, an invoice split in two, an invoice edited after payment, a gateway change
--FILE--
<?php
require __DIR__ . '/scenario.inc';
whmcs_run_scenario('late_fee_split_edit.json');
?>
--EXPECT--
invoice:i1: Synced - QBO invoice 1 total 25.00 tax 0.00 balance 25.00 [Hosting 20.00, Late fee 5.00]
invoice:i2: Synced - QBO invoice 2 total 25.00 tax 0.00 balance 25.00 [Hosting 25.00]
invoice:i2b: Synced - QBO invoice 4 total 20.00 tax 0.00 balance 20.00 [Domain 14.00, Product add-on 6.00]
invoice:i3: Synced - QBO invoice 3 total 53.00 tax 0.00 balance 3.00 [Hosting 50.00, Billable item 3.00]
queued after the last cron: 0
reconciliation                                                WHMCS            QBO  
customers (WHMCS clients, deleted ones included)                  1              1  ok
invoices (issued, not cancelled)                                  4              4  ok
invoiced gross (subtotal + tax)                              123.00         123.00  ok
income (invoiced net of tax, less refunds to credit)         123.00         123.00  ok
tax                                                            0.00           0.00  ok
payments received                                             50.00          50.00  ok
refunds paid out                                               0.00           0.00  ok
refunds to credit balance                                      0.00           0.00  ok
receivables (open invoice balances)                           73.00          73.00  ok
client credit balances                                         0.00           0.00  ok
net customer balances (receivables - credit)                  73.00          73.00  ok
gateway fees                                                   0.00           0.00  ok
