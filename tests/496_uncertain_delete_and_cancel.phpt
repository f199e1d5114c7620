--TEST--
Writes QBO may have done without saying so: a payment's delete answered by a proxy's HTML 408 after QBO deleted it is retried (not an Error) and ends Deleted; an invoice whose create QBO committed but whose answer was lost, then cancelled in the billing system, is found and voided in QBO (not Skipped as "cancelled before it reached QuickBooks" while QBO keeps it open); one cancelled before any create was sent is still Skipped with no request
--FILE--
<?php
require __DIR__ . '/engine.inc';
[$conn, $realm, $opts] = qbo_test_connect(['delivery' => 'worker']);
$st = fn($k, $id) => qbo_entities($conn, ['kind' => $k, 'id' => $id])[0];
qbo_push($conn, 'customer', eng_customer('c1', 'Un', 'Certain', 'uncertain@example.com'));
qbo_push($conn, 'invoice', eng_invoice('i1', 'c1', '50.00'));
qbo_push($conn, 'payment', eng_payment('p1', 'c1', '50.00', 'i1'));
qbo_sync($conn, ['batch_size' => 30]);
/* the delete is done in QBO, its answer a proxy's 408 page */
qbo_test_fault(['kind' => 'html', 'status' => 408, 'when' => 'after', 'method' => 'POST', 'realm' => $realm,
    'path' => "/v3/company/$realm/payment", 'count' => 1]);
qbo_delete($conn, 'payment', 'p1');
$r = qbo_sync($conn, ['batch_size' => 30]);
$p = $st('payment', 'p1');
echo "after the 408: p1 {$p['state']}, errors {$r['errors']}: ", str_contains($p['reason'], 'may have done it') ? 'may have done it, retried' : $p['reason'], "\n";
qbo_test_store_exec($opts['store'], 'UPDATE outbox SET next_try = 0');
$r = qbo_sync($conn, ['batch_size' => 30]);
echo "retried: p1 {$st('payment', 'p1')['state']}, remaining {$r['remaining']}; QBO payments of p1 alive: ",
    count(array_filter(eng_qbo_all($realm, 'Payment'), fn($x) => $x['__status'] === 'active' && str_contains($x['PrivateNote'] ?? '', 'qbosync:payment:p1 '))), "\n";

/* a create committed, its answer lost; then the invoice is cancelled */
qbo_test_fault(['kind' => 'drop', 'when' => 'after', 'method' => 'POST', 'realm' => $realm,
    'path' => "/v3/company/$realm/*", 'match' => 'qbosync:invoice:i2', 'count' => 1]);
qbo_push($conn, 'invoice', eng_invoice('i2', 'c1', '70.00', 'UC-2'));
qbo_sync($conn, ['batch_size' => 30]);
echo "answer lost: i2 {$st('invoice', 'i2')['state']}, QBO invoices UC-2: ", eng_qbo_count($realm, 'Invoice', 'DocNumber', 'UC-2'), "\n";
$c = qbo_push($conn, 'invoice', eng_invoice('i2', 'c1', '70.00', 'UC-2', ['status' => 'cancelled']));
echo "cancelled: {$c['state']}\n";
qbo_test_store_exec($opts['store'], 'UPDATE outbox SET next_try = 0');
qbo_sync($conn, ['batch_size' => 30]);
$rows = array_values(array_filter(eng_qbo_all($realm, 'Invoice'), fn($x) => ($x['DocNumber'] ?? '') === 'UC-2'));
echo "delivered: i2 {$st('invoice', 'i2')['state']}; QBO invoices UC-2: ", count($rows), ", status {$rows[0]['__status']}, TotalAmt {$rows[0]['TotalAmt']}\n";

/* cancelled before anything was sent */
$before = count(eng_requests($realm, "/v3/company/$realm/*", 'POST'));
qbo_push($conn, 'invoice', eng_invoice('i3', 'c1', '80.00', 'UC-3'));
$c = qbo_push($conn, 'invoice', eng_invoice('i3', 'c1', '80.00', 'UC-3', ['status' => 'cancelled']));
qbo_sync($conn, ['batch_size' => 30]);
echo "never sent: i3 {$st('invoice', 'i3')['state']} ({$st('invoice', 'i3')['reason']}); writes to QBO: ",
    count(eng_requests($realm, "/v3/company/$realm/*", 'POST')) - $before, "\n";
?>
--EXPECT--
after the 408: p1 Synced, errors 0: may have done it, retried
retried: p1 Deleted, remaining 0; QBO payments of p1 alive: 0
answer lost: i2 Not Tried, QBO invoices UC-2: 1
cancelled: Not Tried
delivered: i2 Synced; QBO invoices UC-2: 1, status voided, TotalAmt 0
never sent: i3 Skipped (Cancelled before it reached QuickBooks); writes to QBO: 0
