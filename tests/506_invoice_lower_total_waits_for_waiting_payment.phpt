--TEST--
An invoice's lower total and its payment's lower amount go out while the invoice's update fails once (a 503): the payment waits on the invoice, whose latest version is not in QBO, and a new payment of the invoice waits too. When the invoice goes again QBO refuses its total (6000, below the amount applied): the payment still waiting on it is the record whose change frees that amount, so the invoice waits on it instead of ending in Error, and the records that waited on the invoice go at once (an invoice waiting for a record that moves money holds no one up). The lower amount lands, the invoice follows; the new payment, whose amount QBO's balance cannot take until then, waits on that payment instead of being called partly paid in QuickBooks (Mismatch) or refused (Error). All end Synced with QBO's balance the billing system's
--FILE--
<?php
require __DIR__ . '/engine.inc';
[$conn, $realm, $opts] = qbo_test_connect(['delivery' => 'worker']);
$st = fn($k, $id) => qbo_entities($conn, ['kind' => $k, 'id' => $id])[0];
$bal = fn($id) => qbo_test_api($realm, 'GET', 'invoice/' . $st('invoice', $id)['qbo_id'])['json']['Invoice']['Balance'];
$states = fn() => "i1 {$st('invoice', 'i1')['state']} (version {$st('invoice', 'i1')['synced_version']} of {$st('invoice', 'i1')['version']}), p1 {$st('payment', 'p1')['state']}, p2 {$st('payment', 'p2')['state']}";
qbo_push($conn, 'customer', eng_customer('c1', 'Lower', 'Total', 'lowertotal@example.com'));
qbo_push($conn, 'invoice', eng_invoice('i1', 'c1', '100.00'));
qbo_push($conn, 'payment', eng_payment('p1', 'c1', '90.00', 'i1'));
qbo_sync($conn, ['max_in_flight' => 1]);
echo "before: QBO balance {$bal('i1')}\n";

/* the invoice's update fails once before QBO sees it */
qbo_test_fault(['kind' => '503', 'method' => 'POST', 'realm' => $realm, 'path' => "/v3/company/$realm/invoice", 'count' => 1]);
qbo_push($conn, 'invoice', eng_invoice('i1', 'c1', '50.00'));
qbo_push($conn, 'payment', eng_payment('p1', 'c1', '20.00', 'i1'));
qbo_push($conn, 'payment', eng_payment('p2', 'c1', '25.00', 'i1'));
qbo_sync($conn, ['max_in_flight' => 1]);
echo "invoice failed once: ", $states(), "; p1: {$st('payment', 'p1')['reason']}\n";

qbo_test_store_exec($opts['store'], 'UPDATE outbox SET next_try = 0');
$r = qbo_sync($conn, ['max_in_flight' => 1]);
echo "sent again: ", $states(), "; remaining {$r['remaining']}; QBO balance {$bal('i1')}\n";
$log = array_column(qbo_log($conn, ['limit' => 200]), 'message');
echo "the invoice waited on p1: ", count(array_filter($log, fn($m) => str_starts_with($m,
    'Invoice i1: Waiting on payment p1, whose change to invoice i1 is not in QuickBooks yet; until then QuickBooks refuses this one'))), "\n";
echo "errors or mismatches: ", count(array_filter(qbo_log($conn, ['limit' => 200]), fn($l) => $l['type'] === 'decision'
    && ($l['level'] === 'error' || str_contains($l['message'], 'partly paid in QuickBooks (by hand')))), "\n";
$pays = array_filter(eng_qbo_all($realm, 'Payment'), fn($p) => $p['__status'] !== 'deleted');
echo "QBO payments: ", implode(', ', array_map(fn($p) => $p['TotalAmt'], $pays)), "\n";
?>
--EXPECT--
before: QBO balance 10
invoice failed once: i1 Synced (version 1 of 2), p1 Waiting, p2 Waiting; p1: Waiting on invoice i1, whose latest version is not in QuickBooks yet
sent again: i1 Synced (version 2 of 2), p1 Synced, p2 Synced; remaining 0; QBO balance 5
the invoice waited on p1: 1
errors or mismatches: 0
QBO payments: 20, 25
