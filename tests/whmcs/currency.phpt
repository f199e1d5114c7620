--TEST--
WHMCS harness: a client whose currency (EUR) differs from the company's (USD, multicurrency off)
--FILE--
<?php
require __DIR__ . '/scenario.inc';
whmcs_run_scenario('currency.json');
?>
--EXPECT--
customer:ia: Error (Customer 1: QuickBooks refused Customer: A business validation error has occurred while processing your request (6000): Business Validation Error: Multicurrency is not enabled for this company; CurrencyRef must be the home currency USD; QuickBooks' own rules refuse it: correct the record in the billing system (or in QuickBooks) and push it again)
invoice:i1: Waiting (Waiting on customer 1, which is in Error: Customer 1: QuickBooks refused Customer: A business validation error has occurred while processing your request (6000): Business Validation Error: Multicurrency is not enabled for this company; CurrencyRef must be the home currency USD; QuickBooks' own rules refuse it: correct the record in the billing system (or in QuickBooks) and push it again)
payment:p1: Waiting (Waiting on customer 1, which is in Error: Customer 1: QuickBooks refused Customer: A business validation error has occurred while processing your request (6000): Business Validation Error: Multicurrency is not enabled for this company; CurrencyRef must be the home currency USD; QuickBooks' own rules refuse it: correct the record in the billing system (or in QuickBooks) and push it again)
customer:jo: Synced - QBO "Jo King" <jo@example.com>
invoice:j1: Synced - QBO invoice 2 total 19.00 tax 0.00 balance 19.00 [Hosting 19.00]
queued after the last cron: 2
reconciliation                                                WHMCS            QBO  
customers (WHMCS clients, deleted ones included)                  2              1  KNOWN GAP: the EUR client is refused by QBO (multicurrency off): Error, not booked in USD
invoices (issued, not cancelled)                                  2              1  KNOWN GAP: the EUR client's invoice waits on its customer
invoiced gross (subtotal + tax)                               38.00          19.00  KNOWN GAP: idem
income (invoiced net of tax, less refunds to credit)          38.00          19.00  KNOWN GAP: idem
tax                                                            0.00           0.00  ok
payments received                                             19.00           0.00  KNOWN GAP: idem
refunds paid out                                               0.00           0.00  ok
refunds to credit balance                                      0.00           0.00  ok
receivables (open invoice balances)                           19.00          19.00  ok
client credit balances                                         0.00           0.00  ok
net customer balances (receivables - credit)                  19.00          19.00  ok
gateway fees                                                   0.00           0.00  ok
