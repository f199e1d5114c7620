--TEST--
qbo_history through WHMCS's localAPI (the default fetch): clients, products, invoices and transactions read a page at a time by GetClients, GetProducts, GetInvoices, GetTransactions; since/until keep only the period; drafts are skipped; every record in QBO once
--FILE--
<?php
require __DIR__ . '/engine.inc';
require __DIR__ . '/whmcs/whmcs.inc';
$w = whmcs();
$w->today = '2025-12-10';
$old = $w->addClient(['firstname' => 'Olde', 'lastname' => 'Timer', 'email' => 'olde@example.com']);
$w->createInvoice($old, [['type' => 'Hosting', 'relid' => 1, 'description' => 'Old hosting', 'amount' => '9.00']]);
$w->today = '2026-03-02';
$ids = [];
foreach (['Ann', 'Bob', 'Cy', 'Di', 'Ed'] as $n) {
    $ids[$n] = $w->addClient(['firstname' => $n, 'lastname' => 'Whmcs', 'email' => strtolower($n) . '@example.com']);
}
$i1 = $w->createInvoice($ids['Ann'], [['type' => 'Hosting', 'relid' => 1, 'description' => 'Hosting', 'amount' => '15.95'],
    ['type' => 'Setup', 'description' => 'Setup fee', 'amount' => '5.00']], ['invoicenum' => 'W-1']);
$i2 = $w->createInvoice($ids['Bob'], [['type' => 'Hosting', 'relid' => 2, 'description' => 'VPS', 'amount' => '40.00']], ['invoicenum' => 'W-2']);
$w->createInvoice($ids['Cy'], [['type' => 'Hosting', 'relid' => 1, 'description' => 'Draft one', 'amount' => '3.00']], ['draft' => true]);
$w->gatewayPayment($i1, '20.95');
$w->gatewayPayment($i2, '15.00');
$w->today = '2026-11-01';

[$conn, $realm] = qbo_test_connect(['delivery' => 'worker']);   // fetch: WHMCS's localAPI
$st = qbo_history($conn, ['since' => '2026-01-01', 'until' => '2026-06-30', 'page' => 2]);
echo "kinds: ", implode(',', $st['kinds']), " source {$st['source']}\n";
$n = 0;
while (qbo_history_status($conn)['state'] === 'running' && $n++ < 40) {
    qbo_sync($conn);
}
$st = qbo_history_status($conn);
echo "state {$st['state']} after $n steps, done {$st['done']} of {$st['total']}\n";
echo "counts: ", json_encode($st['counts']), "\n";
foreach ($st['report'] as $r) {
    echo "report: {$r['kind']} {$r['id']} {$r['action']}: {$r['reason']}\n";
}
$names = array_map(fn($c) => $c['DisplayName'], eng_qbo_all($realm, 'Customer'));
echo "QBO customers: ", implode(', ', array_filter($names, fn($x) => str_contains($x, 'Whmcs') || str_contains($x, 'Timer'))), "\n";
echo "QBO invoices: ", implode(', ', array_map(fn($i) => "{$i['DocNumber']} {$i['TotalAmt']}", eng_qbo_all($realm, 'Invoice'))), "\n";
echo "QBO payments: ", implode(', ', array_map(fn($p) => $p['TotalAmt'], eng_qbo_all($realm, 'Payment'))), "\n";
$items = array_map(fn($i) => $i['Name'], eng_qbo_all($realm, 'Item'));
echo "QBO items from products: ", count(array_filter($items, fn($x) => in_array($x, ['Starter & Co Hosting', 'VPS 2 GB'], true))), "\n";
$creates = array_count_values(array_map(fn($p) => (string)$p['requestid'], eng_requests($realm, "/v3/company/$realm/*", 'POST')));
echo "POSTs with a repeated requestid: ", count(array_filter($creates, fn($c) => $c > 1)), "\n";
$s = qbo_entities($conn, ['kind' => 'invoice']);
echo "store invoices: ", implode(', ', array_map(fn($e) => "{$e['id']} {$e['state']}", $s)), "\n";
// the same period reconciled through WHMCS's lists
$r = qbo_reconcile($conn, ['from' => '2026-01-01', 'to' => '2026-06-30', 'kinds' => ['invoice', 'payment']]);
foreach ($r['kinds'] as $kind => $k) {
    echo "reconcile $kind: WHMCS {$k['billing']['count']} {$k['billing']['sum']}, QBO {$k['qbo']['count']} {$k['qbo']['sum']}, differ ", count($k['differ']), "\n";
}
?>
--EXPECT--
kinds: customer,item,invoice,payment,refund,credit source whmcs
state done after 10 steps, done 12 of 12
counts: {"created":11,"linked":0,"updated":0,"unchanged":0,"skipped":1,"waiting":0,"errors":0}
report: invoice 4 skip: A draft invoice is not sent to QuickBooks until it is published
QBO customers: Ann Whmcs, Bob Whmcs, Cy Whmcs, Di Whmcs, Ed Whmcs
QBO invoices: W-1 20.95, W-2 40
QBO payments: 20.95, 15
QBO items from products: 2
POSTs with a repeated requestid: 0
store invoices: 2 Synced, 3 Synced
reconcile invoice: WHMCS 2 60.95, QBO 2 60.95, differ 0
reconcile payment: WHMCS 2 35.95, QBO 2 35.95, differ 0
