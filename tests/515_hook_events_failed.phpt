--TEST--
qbo_hook in worker mode, events read later by qbo_sync: an AddTransaction whose transaction WHMCS deleted before it was read is consumed with a note (nothing to send, not a failure); an invoice WHMCS holds in a state that cannot be booked (more credit applied than its total) is a failed event, counted by qbo_status's hook_events with its reason in the log, the invoice left as QuickBooks last got it
--FILE--
<?php
require __DIR__ . '/engine.inc';
require __DIR__ . '/whmcs/whmcs.inc';
require_once __DIR__ . '/whmcs/scenario.inc';   // QBO_WHMCS_EVENTS: the hooks an addon's hooks.php adds
$w = whmcs();
$w->today = '2026-11-20';
[$conn, $realm] = qbo_test_connect(['delivery' => 'worker']);   // fetch: WHMCS's localAPI
foreach (QBO_WHMCS_EVENTS as $ev) {
    add_hook($ev, 1, fn($vars) => qbo_hook($conn, $ev, $vars));
}
$c = $w->addClient(['firstname' => 'Hal', 'lastname' => 'Hook', 'email' => 'hal@example.com']);
$i = $w->createInvoice($c, [['type' => 'Hosting', 'relid' => 1, 'description' => 'Hosting', 'amount' => '50.00']]);
$w->cron();
$tid = $w->gatewayPayment($i, '50.00');
$w->deleteTransaction($tid, true);   // before the worker reads the AddTransaction (and silently: no other event)
$w->cron();
$st = qbo_status($conn);
echo "hook events: ", json_encode($st['hook_events']), ", queued {$st['queued']}\n";
echo "payment $tid in the store: ", var_export((bool)qbo_entities($conn, ['kind' => 'payment', 'id' => (string)$tid]), true), "\n";
foreach (qbo_log($conn, ['kind' => 'payment', 'id' => (string)$tid]) as $l) {
    echo "log {$l['level']}: {$l['message']}\n";
}
// credit applied, then a line lowered below it (WHMCS lets an admin do so)
$w->addFundsDirect($c, '40.00');
$w->cron();
$w->applyCredit($i, '40.00');
$item = $w->one('SELECT id FROM tblinvoiceitems WHERE invoiceid = ?', [$i])['id'];
$w->editInvoice($i, [], [$item => '30.00']);
$w->cron();
$st = qbo_status($conn);
echo "hook events: ", json_encode($st['hook_events']), "\n";
foreach (qbo_log($conn, ['level' => 'error']) as $l) {
    echo "log {$l['level']}: {$l['message']}\n";
}
$inv = qbo_entities($conn, ['kind' => 'invoice', 'id' => (string)$i])[0];
$q = qbo_test_api($realm, 'GET', "invoice/{$inv['qbo_id']}")['json']['Invoice'];
echo "invoice $i: {$inv['state']}, QBO total {$q['TotalAmt']} balance {$q['Balance']}\n";
?>
--EXPECTF--
hook events: {"pending":0,"failed":0}, queued 0
payment %d in the store: false
log info: WHMCS transaction %d is no longer in WHMCS (GetTransactions lists it neither among invoice %d's nor among client %d's transactions): it was deleted before this event was read, so there is nothing of it to send
hook events: {"pending":0,"failed":1}
log error: UpdateInvoiceTotal: Invoice %d: credit_applied is 40.00 but must be between 0 and the total 30.00; send the credit actually applied
invoice %d: Synced, QBO total 50 balance 50
