--TEST--
WHMCS harness: a client whose currency (EUR) differs from the company's (USD, multicurrency on): customer, invoices, payment (with its fee) and refund booked in EUR at WHMCS's rate, reconciled per currency and in home currency
--FILE--
<?php
require __DIR__ . '/scenario.inc';
whmcs_run_scenario('currency.json');
?>
--EXPECT--
customer:ia: Synced - QBO "Ia Jung" <ia@example.com> in EUR
invoice:i1: Synced - QBO invoice 1 total 19.00 tax 0.00 balance 0.00 [Hosting 19.00] in EUR at 1.086957 (home USD 20.65)
payment:p1: Synced - QBO payment 19.00 unapplied 0.00 applied to Invoice i1 19.00 in EUR at 1.086957
refund:r1: Synced - QBO refundreceipt 4.00 balance 0.00 in EUR at 1.086957 (home USD 4.35)
invoice:i2: Synced - QBO invoice 2 total 25.50 tax 0.00 balance 25.50 [Hosting 25.50] in EUR at 1.086957 (home USD 27.72)
customer:jo: Synced - QBO "Jo King" <jo@example.com>
invoice:j1: Synced - QBO invoice 3 total 19.00 tax 0.00 balance 19.00 [Hosting 19.00]
queued after the last cron: 0
reconciliation                                                WHMCS            QBO  
customers (WHMCS clients, deleted ones included)                  2              2  ok
invoices (issued, not cancelled)                                  3              3  ok
invoiced gross (subtotal + tax)                               63.50          63.50  ok
income (invoiced net of tax, less refunds to credit)          63.50          63.50  ok
tax                                                            0.00           0.00  ok
payments received                                             19.00          19.00  ok
refunds paid out                                               4.00           4.00  ok
refunds to credit balance                                      0.00           0.00  ok
receivables (open invoice balances)                           44.50          44.50  ok
client credit balances                                         0.00           0.00  ok
net customer balances (receivables - credit)                  44.50          44.50  ok
gateway fees                                                   0.85           0.85  ok
invoiced gross in EUR                                         44.50          44.50  ok
payments received in EUR                                      19.00          19.00  ok
receivables in EUR                                            25.50          25.50  ok
receivables in EUR as USD at the invoices' rates              27.72          27.72  ok
invoiced gross in USD                                         19.00          19.00  ok
payments received in USD                                       0.00           0.00  ok
receivables in USD                                            19.00          19.00  ok
