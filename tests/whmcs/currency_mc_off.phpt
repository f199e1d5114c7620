--TEST--
WHMCS harness: a client in EUR while the company (USD) has multicurrency off: the customer is an Error naming EUR and the fix, its invoice and payment wait, nothing is booked in USD
--FILE--
<?php
require __DIR__ . '/scenario.inc';
$run = whmcs_run_scenario('currency_mc_off.json');
$n = 0;
foreach (qbo_test_ledger($run->realm)['entities'] as $e) {
    $n += in_array($e['entity'], ['Invoice', 'Payment'], true) && ($e['current']['CustomerRef']['name'] ?? '') === 'Ia Jung' ? 1 : 0;
}
echo "QBO transactions of the EUR client: $n\n";
?>
--EXPECT--
customer:ia: Error (Customer 1: its currency is EUR but the QuickBooks company has multi-currency off (home currency USD); turn multi-currency on in QuickBooks (Settings › Account and settings › Advanced › Currency) and add EUR to its currencies, then send it again with qbo_resend())
invoice:i1: Waiting (Waiting on customer 1, which is in Error: its currency is EUR but the QuickBooks company has multi-currency off (home currency USD); turn multi-currency on in QuickBooks (Settings › Account and settings › Advanced › Currency) and add EUR to its currencies, then send it again with qbo_resend())
payment:p1: Waiting (Waiting on customer 1, which is in Error: its currency is EUR but the QuickBooks company has multi-currency off (home currency USD); turn multi-currency on in QuickBooks (Settings › Account and settings › Advanced › Currency) and add EUR to its currencies, then send it again with qbo_resend())
customer:jo: Synced - QBO "Jo King" <jo@example.com>
invoice:j1: Synced - QBO invoice 2 total 19.00 tax 0.00 balance 19.00 [Hosting 19.00]
queued after the last cron: 2
reconciliation                                                WHMCS            QBO  
customers (WHMCS clients, deleted ones included)                  2              1  KNOWN GAP: the EUR client is an Error until multi-currency is on in QuickBooks, never booked in USD
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
invoiced gross in EUR                                         19.00           0.00  KNOWN GAP: nothing is booked for the EUR client
payments received in EUR                                      19.00           0.00  KNOWN GAP: idem
receivables in EUR                                             0.00           0.00  ok
receivables in EUR as USD at the invoices' rates               0.00           0.00  ok
invoiced gross in USD                                         19.00          19.00  ok
payments received in USD                                       0.00           0.00  ok
receivables in USD                                            19.00          19.00  ok
QBO transactions of the EUR client: 0
