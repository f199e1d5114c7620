--TEST--
WHMCS harness: a draft never synced until published; client edits, HTML entities in names, a client closed and one deleted
--FILE--
<?php
require __DIR__ . '/scenario.inc';
whmcs_run_scenario('drafts_clients.json');
?>
--EXPECT--
2026-11-15 invoice:d1: not sent: A draft invoice is not sent to QuickBooks until it is published
invoice:d1: Synced - QBO invoice 1 total 35.00 tax 0.00 balance 35.00 [Hosting 35.00]
customer:ka: Synced - QBO "Lee & Lee <Hosting>" <ka.new@example.com>, company "Lee & Lee <Hosting>"
customer:lu: Synced - QBO "Lu Moss" <lu@example.com>
customer:mx: Synced - QBO "Max Roe" <max@example.com>
queued after the last cron: 0
reconciliation                                                WHMCS            QBO  
customers (WHMCS clients, deleted ones included)                  3              3  ok
invoices (issued, not cancelled)                                  1              1  ok
invoiced gross (subtotal + tax)                               35.00          35.00  ok
income (invoiced net of tax, less refunds to credit)          35.00          35.00  ok
tax                                                            0.00           0.00  ok
payments received                                              0.00           0.00  ok
refunds paid out                                               0.00           0.00  ok
refunds to credit balance                                      0.00           0.00  ok
receivables (open invoice balances)                           35.00          35.00  ok
client credit balances                                         0.00           0.00  ok
net customer balances (receivables - credit)                  35.00          35.00  ok
gateway fees                                                   0.00           0.00  ok
