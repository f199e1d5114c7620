--TEST--
WHMCS harness: refunds through the gateway (partial, then the rest), a manual refund, and a refund to the credit balance
--FILE--
<?php
require __DIR__ . '/scenario.inc';
whmcs_run_scenario('refunds.json');
?>
--EXPECT--
invoice:i1: Synced - QBO invoice 1 total 30.00 tax 0.00 balance 0.00 [Hosting 30.00]
refund:r1: Synced - QBO refundreceipt 10.00 balance 0.00
refund:r1b: Synced - QBO refundreceipt 20.00 balance 0.00
refund:r2: Synced - QBO refundreceipt 20.00 balance 0.00
credit:r3: Synced - QBO creditmemo 15.00 balance 15.00
invoice:i3: Synced - QBO invoice 3 total 15.00 tax 0.00 balance 0.00 [Setup fee 15.00]
queued after the last cron: 0
reconciliation                                                WHMCS            QBO  
customers (WHMCS clients, deleted ones included)                  1              1  ok
invoices (issued, not cancelled)                                  3              3  ok
invoiced gross (subtotal + tax)                               65.00          65.00  ok
income (invoiced net of tax, less refunds to credit)          50.00          50.00  ok
tax                                                            0.00           0.00  ok
payments received                                             65.00          65.00  ok
refunds paid out                                              50.00          50.00  ok
refunds to credit balance                                     15.00          15.00  ok
receivables (open invoice balances)                            0.00           0.00  ok
client credit balances                                        15.00          15.00  ok
net customer balances (receivables - credit)                 -15.00         -15.00  ok
gateway fees                                                   0.00           0.00  ok
