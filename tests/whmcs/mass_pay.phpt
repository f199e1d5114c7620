--TEST--
WHMCS harness: a Mass Pay invoice: its payment lands on the invoices it combines
--FILE--
<?php
require __DIR__ . '/scenario.inc';
whmcs_run_scenario('mass_pay.json');
?>
--EXPECT--
invoice:i1: Synced - QBO invoice 1 total 10.00 tax 0.00 balance 0.00 [Hosting 10.00]
invoice:i2: Synced - QBO invoice 2 total 4.50 tax 0.00 balance 0.00 [Product add-on 4.50]
invoice:i3: Synced - QBO invoice 3 total 7.00 tax 0.00 balance 7.00 [Hosting 7.00]
invoice:mp: not sent: A Mass Pay invoice is not sent: its payment is applied to the invoices it combines
payment:p: Synced - QBO payment 14.50 unapplied 0.00 applied to Invoice i1 10.00, Invoice i2 4.50
queued after the last cron: 0
reconciliation                                                WHMCS            QBO  
customers (WHMCS clients, deleted ones included)                  1              1  ok
invoices (issued, not cancelled)                                  3              3  ok
invoiced gross (subtotal + tax)                               21.50          21.50  ok
income (invoiced net of tax, less refunds to credit)          21.50          21.50  ok
tax                                                            0.00           0.00  ok
payments received                                             14.50          14.50  ok
refunds paid out                                               0.00           0.00  ok
refunds to credit balance                                      0.00           0.00  ok
receivables (open invoice balances)                            7.00           7.00  ok
client credit balances                                         0.00           0.00  ok
net customer balances (receivables - credit)                   7.00           7.00  ok
gateway fees                                                   0.00           0.00  ok
