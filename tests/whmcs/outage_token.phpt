--TEST--
WHMCS harness: a day when QuickBooks is down and one when the access token has expired: nothing is lost, nothing doubled
--FILE--
<?php
require __DIR__ . '/scenario.inc';
whmcs_run_scenario('outage_token.json');
?>
--EXPECT--
2026-11-17 customer:mo: Not Tried (Queued, will retry: QuickBooks failed on the query (HTTP 500, code 10000): An application error has occurred while processing your request; it will be retried later)
2026-11-17 invoice:i1: Not Tried
2026-11-17 payment:p1: Not Tried
customer:mo: Synced - QBO "Mo Nash" <mo@example.com>
invoice:i1: Synced - QBO invoice 1 total 12.00 tax 0.00 balance 0.00 [Hosting 12.00]
payment:p1: Synced - QBO payment 12.00 unapplied 0.00 applied to Invoice i1 12.00
invoice:i2: Synced - QBO invoice 2 total 13.00 tax 0.00 balance 8.00 [Hosting 13.00]
payment:p2: Synced - QBO payment 5.00 unapplied 0.00 applied to Invoice i2 5.00
queued after the last cron: 0
reconciliation                                                WHMCS            QBO  
customers (WHMCS clients, deleted ones included)                  1              1  ok
invoices (issued, not cancelled)                                  2              2  ok
invoiced gross (subtotal + tax)                               25.00          25.00  ok
income (invoiced net of tax, less refunds to credit)          25.00          25.00  ok
tax                                                            0.00           0.00  ok
payments received                                             17.00          17.00  ok
refunds paid out                                               0.00           0.00  ok
refunds to credit balance                                      0.00           0.00  ok
receivables (open invoice balances)                            8.00           8.00  ok
client credit balances                                         0.00           0.00  ok
net customer balances (receivables - credit)                   8.00           8.00  ok
gateway fees                                                   0.00           0.00  ok
