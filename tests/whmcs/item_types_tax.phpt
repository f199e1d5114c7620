--TEST--
WHMCS harness: invoice items of every type (hosting, domain, addon, setup, upgrade, billable, late fee, promotion, manual) with tax lines
--FILE--
<?php
require __DIR__ . '/scenario.inc';
whmcs_run_scenario('item_types_tax.json');
?>
--EXPECT--
invoice:i1: Synced - QBO invoice 1 total 144.82 tax 9.82 balance 44.82 [Hosting 40.00 T, Promotion -4.00 T, Domain 12.00, Product add-on 5.00 T, Setup fee 10.00 T, Upgrade 8.00 T, Billable item 60.00 T, Late fee 2.50, Other 1.50]
payment:p1: Synced - QBO payment 100.00 unapplied 0.00 applied to Invoice i1 100.00
queued after the last cron: 0
reconciliation                                                WHMCS            QBO  
customers (WHMCS clients, deleted ones included)                  1              1  ok
invoices (issued, not cancelled)                                  1              1  ok
invoiced gross (subtotal + tax)                              144.82         144.82  ok
income (invoiced net of tax, less refunds to credit)         135.00         135.00  ok
tax                                                            9.82           9.82  ok
payments received                                            100.00         100.00  ok
refunds paid out                                               0.00           0.00  ok
refunds to credit balance                                      0.00           0.00  ok
receivables (open invoice balances)                           44.82          44.82  ok
client credit balances                                         0.00           0.00  ok
net customer balances (receivables - credit)                  44.82          44.82  ok
gateway fees                                                   0.00           0.00  ok
