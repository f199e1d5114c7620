--TEST--
WHMCS harness: the writes made after a record answered with an HTML 408, which leaves their outcome open (a payment's fee Deposit QuickBooks committed, credit drawn from an Add Funds payment onto an invoice QuickBooks did not take): the record is retried, not Mismatch as refused, and the retry finds what was made or makes it: each once
--FILE--
<?php
require __DIR__ . '/scenario.inc';
$run = new Scenario();
$w = $run->w;
$realm = $run->realm;
$store = $run->opts['store'];
$again = function () use ($w, $store) {
    qbo_test_store_exec($store, 'UPDATE outbox SET next_try = 0');
    qbo_test_store_exec($store, 'UPDATE conn SET throttled_until = 0');
    $w->cron();
};
$show = function (string $kind, int $id) use ($run) {
    $e = qbo_entities($run->conn, ['kind' => $kind, 'id' => (string)$id])[0];
    return $e['state'] . ($e['reason'] ? " ({$e['reason']})" : '');
};
$c = $w->addClient(['firstname' => 'Fa', 'lastname' => 'Hall', 'email' => 'fa@example.com']);
$i1 = $w->createInvoice($c, [['type' => 'Hosting', 'description' => 'Hosting', 'amount' => '50.00']]);
$w->cron();
// the fee's Deposit: committed, its answer an HTML 408
qbo_test_fault(['kind' => 'html', 'status' => 408, 'when' => 'after', 'method' => 'POST', 'realm' => $realm, 'count' => 1,
    'path' => "/v3/company/$realm/deposit"]);
$p1 = $w->gatewayPayment($i1, '50.00', '1.75');
$w->cron();
echo "payment after the lost Deposit answer: ", ($st = qbo_entities($run->conn, ['kind' => 'payment', 'id' => (string)$p1])[0]['state']) === 'Mismatch' ? 'Mismatch' : 'queued or Synced, not Mismatch', "\n";
$again();
echo "payment: ", $show('payment', $p1), "\n";
$deps = array_filter(qbo_test_ledger($realm)['entities'], fn($x) => $x['entity'] === 'Deposit' && ($x['status'] ?? 'active') === 'active');
echo "QBO deposits: ", count($deps), "\n";
// credit drawn from an Add Funds payment: the Payment update answered with an HTML 408 (here before QBO took it)
$af = $w->addFundsDirect($c, '30.00');
$i2 = $w->createInvoice($c, [['type' => 'Hosting', 'description' => 'Hosting', 'amount' => '20.00']]);
$w->cron();
qbo_test_fault(['kind' => 'html', 'status' => 408, 'when' => 'before', 'method' => 'POST', 'realm' => $realm, 'count' => 1,
    'path' => "/v3/company/$realm/payment"]);
$w->applyCredit($i2, '20.00');
$w->cron();
echo "invoice after the lost credit answer: ", ($st = qbo_entities($run->conn, ['kind' => 'invoice', 'id' => (string)$i2])[0]['state']) === 'Mismatch' ? 'Mismatch' : 'queued or Synced, not Mismatch', "\n";
$again();
echo "invoice: ", $show('invoice', $i2), " - QBO ", $run->qboSummary('invoice', qbo_entities($run->conn, ['kind' => 'invoice', 'id' => (string)$i2])[0]['qbo_id']), "\n";
echo "Add Funds payment: ", $show('payment', $af), " - QBO ", $run->qboSummary('payment', qbo_entities($run->conn, ['kind' => 'payment', 'id' => (string)$af])[0]['qbo_id']), "\n";
echo "queued: ", qbo_status($run->conn)['queued'], "\n";
whmcs_print_reconciliation(whmcs_reconcile($run));
?>
--EXPECTF--
payment after the lost Deposit answer: queued or Synced, not Mismatch
payment: Synced
QBO deposits: 1
invoice after the lost credit answer: queued or Synced, not Mismatch
invoice: Synced - QBO invoice %d total 20.00 tax 0.00 balance 0.00 [Hosting 20.00]
Add Funds payment: Synced - QBO payment 30.00 unapplied 10.00 applied to Invoice #%d 20.00
queued: 0
reconciliation                                                WHMCS            QBO  
customers (WHMCS clients, deleted ones included)                  1              1  ok
invoices (issued, not cancelled)                                  2              2  ok
invoiced gross (subtotal + tax)                               70.00          70.00  ok
income (invoiced net of tax, less refunds to credit)          70.00          70.00  ok
tax                                                            0.00           0.00  ok
payments received                                             80.00          80.00  ok
refunds paid out                                               0.00           0.00  ok
refunds to credit balance                                      0.00           0.00  ok
receivables (open invoice balances)                            0.00           0.00  ok
client credit balances                                        10.00          10.00  ok
net customer balances (receivables - credit)                 -10.00         -10.00  ok
gateway fees                                                   1.75           1.75  ok
