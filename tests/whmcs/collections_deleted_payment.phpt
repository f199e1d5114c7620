--TEST--
WHMCS harness: a payment deleted from a partly paid invoice (with UpdateInvoiceTotal, and silently: found at the next payment) is deleted in QBO; an invoice moved to Collections is written off (Bad Debt credit memo applied), one moved back is reversed and then paid; one paid in part while in Collections has its write-off lowered before the payment is recorded
--FILE--
<?php
require __DIR__ . '/scenario.inc';
whmcs_run_scenario('collections_deleted_payment.json');
?>
--EXPECT--
invoice:i1: Synced - QBO invoice 1 total 100.00 tax 0.00 balance 0.00 [Hosting 100.00]
payment:p1: Synced - QBO payment 30.00 unapplied 0.00 applied to Invoice i1 30.00
payment:p2: Deleted (Deleted in QuickBooks (it was QBO Payment 4), as in the billing system)
writeoff:i1: Synced - QBO creditmemo 70.00 balance 0.00
invoice:i2: Synced - QBO invoice 2 total 15.00 tax 0.00 balance 0.00 [Domain 15.00]
payment:p3: Deleted (Deleted in QuickBooks (it was QBO Payment 5), as in the billing system)
payment:p4: Synced - QBO payment 15.00 unapplied 0.00 applied to Invoice i2 15.00
invoice:i3: Synced - QBO invoice 3 total 40.00 tax 0.00 balance 0.00 [Hosting 40.00]
writeoff:i3: Deleted (Deleted in QuickBooks (it was QBO CreditMemo 10), as in the billing system)
payment:p5: Synced - QBO payment 40.00 unapplied 0.00 applied to Invoice i3 40.00
invoice:i4: Synced - QBO invoice 4 total 70.00 tax 0.00 balance 0.00 [Hosting 70.00]
writeoff:i4: Synced - QBO creditmemo 50.00 balance 0.00
payment:p6: Synced - QBO payment 20.00 unapplied 0.00 applied to Invoice i4 20.00
queued after the last cron: 0
reconciliation                                                WHMCS            QBO  
customers (WHMCS clients, deleted ones included)                  1              1  ok
invoices (issued, not cancelled)                                  4              4  ok
invoiced gross (subtotal + tax)                              225.00         225.00  ok
income (invoiced net of tax, less refunds to credit)         225.00         225.00  ok
tax                                                            0.00           0.00  ok
payments received                                            105.00         105.00  ok
refunds paid out                                               0.00           0.00  ok
refunds to credit balance                                      0.00           0.00  ok
receivables (open invoice balances)                            0.00           0.00  ok
client credit balances                                         0.00           0.00  ok
net customer balances (receivables - credit)                   0.00           0.00  ok
gateway fees                                                   0.00           0.00  ok
written off (Collections; QBO: Bad Debt credit memos)         120.00         120.00  ok