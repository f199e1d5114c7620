--TEST--
A payment whose create QBO made while its answer was lost, then lowered in the billing system, and two new payments of the balance that frees, in the same delivery: both go in one /batch (each fits the balance the lookup saw), the second is refused (the old payment still held its first amount), the lowered payment is found by its marker and updated, and the refused payment goes again at once and is Synced with the invoice paid in QuickBooks, instead of an Error for a balance the billing system no longer has taken
--FILE--
<?php
require __DIR__ . '/engine.inc';
[$conn, $realm, $opts] = qbo_test_connect(['delivery' => 'worker']);
$show = function (string $what) use ($conn, $realm) {
    echo "$what:\n";
    foreach (qbo_entities($conn) as $e) {
        echo "  {$e['kind']} {$e['id']}: {$e['state']}", (string)$e['reason'] !== '' ? " - " . rtrim(substr(preg_replace('/127\.0\.0\.1:\d+/', 'the sandbox', $e['reason']), 0, 90)) : '', "\n";
    }
    $i = qbo_entities($conn, ['kind' => 'invoice', 'id' => 'i1'])[0];
    echo "  QBO invoice balance ", qbo_test_api($realm, 'GET', "invoice/{$i['qbo_id']}")['json']['Invoice']['Balance'], "\n";
    foreach (eng_qbo_all($realm, 'Payment') as $p) {
        echo "  QBO Payment of {$p['TotalAmt']} ({$p['__status']})\n";
    }
};
qbo_push($conn, 'customer', eng_customer('c1', 'Ann', 'Lee', 'ann@example.com'));
qbo_push($conn, 'invoice', eng_invoice('i1', 'c1', '100.00', 'INV-1'));
qbo_sync($conn);
// the first payment (30.00) is made by QBO, the /batch's answer lost
qbo_push($conn, 'payment', eng_payment('p1', 'c1', '30.00', 'i1'));
qbo_test_fault(['kind' => 'drop', 'when' => 'after', 'method' => 'POST', 'realm' => $realm, 'count' => 1,
    'path' => "/v3/company/$realm/batch"]);
qbo_sync($conn);
$show('first payment sent, its answer lost');
// the billing system lowers it to 10.00; the other 90.00 is paid by two new payments (70.00 and 20.00)
qbo_push($conn, 'payment', eng_payment('p1', 'c1', '10.00', 'i1'));
qbo_push($conn, 'payment', eng_payment('p2', 'c1', '70.00', 'i1'));
qbo_push($conn, 'payment', eng_payment('p3', 'c1', '20.00', 'i1'));
qbo_test_store_exec($opts['store'], 'UPDATE outbox SET next_try = 0');
qbo_sync($conn);
$show('lowered, and the balance paid by two payments');
$log = array_column(qbo_log($conn, ['kind' => 'payment', 'id' => 'p3']), 'message');
echo count(preg_grep('/Waiting on payment p1, whose change to invoice i1 reached QuickBooks in the same delivery/', $log)), " wait on p1\n";
?>
--EXPECT--
first payment sent, its answer lost:
  customer c1: Synced
  invoice i1: Synced
  payment p1: Not Tried - Queued, will retry: Could not talk to the sandbox: Empty reply from server; the request wi
  QBO invoice balance 70
  QBO Payment of 30 (active)
lowered, and the balance paid by two payments:
  customer c1: Synced
  invoice i1: Synced
  payment p1: Synced
  payment p2: Synced
  payment p3: Synced
  QBO invoice balance 0
  QBO Payment of 10 (active)
  QBO Payment of 70 (active)
  QBO Payment of 20 (active)
1 wait on p1
