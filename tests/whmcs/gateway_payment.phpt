--TEST--
WHMCS harness: a sign-up, an invoice and a gateway payment in WHMCS's hook order end Synced, with QBO's books equal to WHMCS's
--FILE--
<?php
require __DIR__ . '/scenario.inc';
$run = whmcs_run_scenario('gateway_payment.json');
echo "hooks fired: ", implode(' ', array_unique($run->w->fired)), "\n";
$c = eng_qbo_all($run->realm, 'Customer');
foreach ($c as $row) if (($row['PrimaryEmailAddr']['Address'] ?? '') === 'ann@example.com') echo "QBO customer: {$row['DisplayName']}\n";
// DailyCronJob: an item per WHMCS product (GetProducts), names decoded
$items = array_map(fn($i) => $i['Name'], eng_qbo_all($run->realm, 'Item'));
sort($items);
echo "QBO items: ", implode(', ', array_diff($items, whmcs_seeded_names('Item'))), "\n";
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
hooks fired: ClientAdd InvoiceCreation InvoiceCreated LogTransaction AddTransaction AddInvoicePayment InvoicePaid DailyCronJob AfterCronJob
QBO customer: Ann O'Brien & Sons
QBO items: Hosting, Setup fee, Starter & Co Hosting, VPS 2 GB
