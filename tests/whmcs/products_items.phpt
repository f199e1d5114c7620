--TEST--
WHMCS harness: hosting lines book to one QuickBooks item per WHMCS product (GetClientsProducts -> pid, the item as DailyCronJob makes it; a product mapped with qbo_map to an existing item books there), other lines and unknown services to their line type's fallback item
--FILE--
<?php
require __DIR__ . '/scenario.inc';
whmcs_run_scenario('products_items.json');
?>
--EXPECT--
invoice:i1: Synced - QBO invoice 1 total 49.99 tax 0.00 balance 49.99 [Starter & Co Hosting 9.99, Web hosting 20.00, Hosting 5.00, Domain 12.00, Setup fee 3.00]
invoice:i2: Synced - QBO invoice 2 total 9.99 tax 0.00 balance 9.99 [Starter & Co Hosting 9.99]
item:whmcs-product-1: Synced - QBO item 5 "Starter & Co Hosting" (Service)
item:whmcs-product-2: Synced - QBO item 3 "Web hosting" (Service)
item:whmcs-hosting: Synced - QBO item 6 "Hosting" (Service)
item:whmcs-domain: Synced - QBO item 7 "Domain" (Service)
queued after the last cron: 0
reconciliation                                                WHMCS            QBO  
customers (WHMCS clients, deleted ones included)                  1              1  ok
invoices (issued, not cancelled)                                  2              2  ok
invoiced gross (subtotal + tax)                               59.98          59.98  ok
income (invoiced net of tax, less refunds to credit)          59.98          59.98  ok
tax                                                            0.00           0.00  ok
payments received                                              0.00           0.00  ok
refunds paid out                                               0.00           0.00  ok
refunds to credit balance                                      0.00           0.00  ok
receivables (open invoice balances)                           59.98          59.98  ok
client credit balances                                         0.00           0.00  ok
net customer balances (receivables - credit)                  59.98          59.98  ok
gateway fees                                                   0.00           0.00  ok