--TEST--
WHMCS harness: inline delivery: each hook reads and pushes at once (bounded by inline_timeout) and returns the record's Synced state; the books match
--FILE--
<?php
require __DIR__ . '/scenario.inc';
$run = whmcs_run_scenario('gateway_payment.json', [], ['delivery' => 'inline']);
foreach ($run->states as $s) {
    if (($s['kind'] ?? null) !== null) {
        echo "{$s['event']}: {$s['kind']} {$s['id']} {$s['state']}\n";
    }
}
?>
--EXPECT--
customer:ann: Synced - QBO "Ann O'Brien & Sons" <ann@example.com>
invoice:i1: Synced - QBO invoice 1 total 20.95 tax 0.00 balance 0.00 [Hosting 15.95, Setup fee 5.00]
payment:p1: Synced - QBO payment 20.95 unapplied 0.00 applied to Invoice i1 20.95
queued after the last cron: 0
reconciliation                                                WHMCS            QBO  
customers (WHMCS clients, deleted ones included)                  1              1  ok
invoices (issued, not cancelled)                                  1              1  ok
invoiced gross (subtotal + tax)                               20.95          20.95  ok
income (invoiced net of tax, less refunds to credit)          20.95          20.95  ok
tax                                                            0.00           0.00  ok
payments received                                             20.95          20.95  ok
refunds paid out                                               0.00           0.00  ok
refunds to credit balance                                      0.00           0.00  ok
receivables (open invoice balances)                            0.00           0.00  ok
client credit balances                                         0.00           0.00  ok
net customer balances (receivables - credit)                   0.00           0.00  ok
gateway fees                                                   0.00           0.00  ok
ClientAdd: customer 1 Synced
InvoiceCreated: invoice 1 Synced
AddTransaction: payment 1 Synced
AddInvoicePayment: invoice 1 Synced
InvoicePaid: invoice 1 Synced
