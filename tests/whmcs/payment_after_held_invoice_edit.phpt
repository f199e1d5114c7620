--TEST--
WHMCS harness: an invoice edited after a partial payment (a line added), its update held back by a QuickBooks fault, and a payment of the new balance queued with it: the payment waits for the invoice's newer version instead of meeting the old balance in QuickBooks (taken for "partly paid in QuickBooks" or refused over the open balance); both end Synced, the invoice paid there
--FILE--
<?php
require __DIR__ . '/scenario.inc';
$run = new Scenario();
$w = $run->w;
$realm = $run->realm;
$store = $run->opts['store'];
$state = function (string $kind, int $id) use ($run) {
    $e = qbo_entities($run->conn, ['kind' => $kind, 'id' => (string)$id])[0];
    return $e['state'] . ($e['reason'] ? " ({$e['reason']})" : '');
};
$c = $w->addClient(['firstname' => 'Jo', 'lastname' => 'King', 'email' => 'jo@example.com']);
$inv = $w->createInvoice($c, [['type' => 'Hosting', 'description' => 'Hosting', 'amount' => '30.00']]);
$p1 = $w->gatewayPayment($inv, '10.00');
$w->cron();
echo "invoice: ", $state('invoice', $inv), "\n";
$w->editInvoice($inv, [['type' => 'Item', 'description' => 'Extra IP', 'amount' => '6.00']]);
$p2 = $w->gatewayPayment($inv, '26.00');
// the invoice's update meets 500s (the write not done) through this cron run: its retry is backed off
qbo_test_fault(['kind' => '500', 'when' => 'before', 'method' => 'POST', 'realm' => $realm, 'rate' => 1,
    'path' => "/v3/company/$realm/*", 'match' => "qbosync:invoice:$inv"]);
$w->cron();
qbo_test_http('DELETE', '/_sandbox/faults', ['realm' => $realm]);
echo "with the invoice's update held: invoice (at its older version) ", qbo_entities($run->conn, ['kind' => 'invoice', 'id' => (string)$inv])[0]['state'],
    ", payment ", $state('payment', $p2), "\n";
qbo_test_store_exec($store, 'UPDATE outbox SET next_try = 0');
qbo_test_store_exec($store, 'UPDATE conn SET throttled_until = 0');
$w->cron();
echo "invoice: ", $state('invoice', $inv), " - QBO ", $run->qboSummary('invoice', (string)qbo_entities($run->conn, ['kind' => 'invoice', 'id' => (string)$inv])[0]['qbo_id']), "\n";
echo "payment: ", $state('payment', $p2), " - QBO ", $run->qboSummary('payment', (string)qbo_entities($run->conn, ['kind' => 'payment', 'id' => (string)$p2])[0]['qbo_id']), "\n";
echo "queued: ", qbo_status($run->conn)['queued'], "\n";
?>
--EXPECTF--
invoice: Synced
with the invoice's update held: invoice (at its older version) Synced, payment Waiting (Waiting on invoice 1, whose latest version is not in QuickBooks yet)
invoice: Synced - QBO invoice 1 total 36.00 tax 0.00 balance 0.00 [Hosting 30.00, Billable item 6.00]
payment: Synced - QBO payment 26.00 unapplied 0.00 applied to Invoice #1 26.00
queued: 0
