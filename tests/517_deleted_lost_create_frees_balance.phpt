--TEST--
A payment whose create QBO made while its answer was lost, deleted in the billing system, and two new payments of the whole balance, in the same delivery: both go in one /batch (each fits the balance the lookup saw), the second is refused (the old payment still held its part), the deletion finds the old payment by its marker and deletes it, and the refused payment goes again at once and is Synced with the invoice paid in QuickBooks, instead of an Error for a balance the billing system no longer has taken
--FILE--
<?php
require __DIR__ . '/engine.inc';
[$conn, $realm, $opts] = qbo_test_connect(['delivery' => 'worker']);
$show = function (string $what) use ($conn, $realm) {
    echo "$what:\n";
    foreach (qbo_entities($conn) as $e) {
        echo "  {$e['kind']} {$e['id']}: {$e['state']}", (string)$e['reason'] !== '' ? " - " . rtrim(substr($e['reason'], 0, 90)) : '', "\n";
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
// the first payment's create is made by QBO, its answer lost
qbo_push($conn, 'payment', eng_payment('p1', 'c1', '30.00', 'i1'));
qbo_test_fault(['kind' => '500', 'when' => 'after', 'method' => 'POST', 'realm' => $realm, 'count' => 1,
    'path' => "/v3/company/$realm/batch"]);
qbo_sync($conn);
$show('first payment sent, its answer lost');
// the billing system deletes it, and the whole 100.00 is paid by two new payments (70.00 and 30.00)
qbo_delete($conn, 'payment', 'p1');
qbo_push($conn, 'payment', eng_payment('p2', 'c1', '70.00', 'i1'));
qbo_push($conn, 'payment', eng_payment('p3', 'c1', '30.00', 'i1'));
qbo_test_store_exec($opts['store'], 'UPDATE outbox SET next_try = 0');
qbo_sync($conn);
$show('deleted, and the balance paid by two payments');
$log = array_column(qbo_log($conn, ['kind' => 'payment', 'id' => 'p3']), 'message');
echo count(preg_grep('/Waiting on payment p1, whose change to invoice i1 reached QuickBooks in the same delivery/', $log)), " wait on p1\n";
?>
--EXPECT--
first payment sent, its answer lost:
  customer c1: Synced
  invoice i1: Synced
  payment p1: Not Tried - Queued, will retry: QuickBooks failed on the batch (HTTP 500, code 10000): An application
  QBO invoice balance 70
  QBO Payment of 30 (active)
deleted, and the balance paid by two payments:
  customer c1: Synced
  invoice i1: Synced
  payment p1: Deleted - Deleted in QuickBooks (it was QBO Payment 2), as in the billing system
  payment p2: Synced
  payment p3: Synced
  QBO invoice balance 0
  QBO Payment of 30 (deleted)
  QBO Payment of 70 (active)
  QBO Payment of 30 (active)
1 wait on p1
