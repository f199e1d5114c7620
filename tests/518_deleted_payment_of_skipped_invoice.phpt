--TEST--
A payment whose first attempt failed on its customer (the one-record path, so its create requestid is kept as uncertain) while its invoice waited on that customer, then deleted in the billing system and its invoice cancelled: the invoice is Skipped (it never reached QuickBooks) and the payment Deleted (its create needed the invoice's QuickBooks Id, so it was never sent), instead of the deletion waiting for ever on the invoice to resend that create
--FILE--
<?php
require __DIR__ . '/engine.inc';
[$conn, $realm, $opts] = qbo_test_connect(['delivery' => 'worker']);
$show = function (string $what) use ($conn, $realm) {
    echo "$what:\n";
    foreach (qbo_entities($conn) as $e) {
        echo "  {$e['kind']} {$e['id']}: {$e['state']}", (string)$e['reason'] !== '' ? " - " . rtrim(substr($e['reason'], 0, 80)) : '', "\n";
    }
    $ours = fn(string $entity, string $field) => count(array_filter(eng_qbo_all($realm, $entity),
        fn($o) => str_contains($o[$field] ?? '', 'qbosync:')));
    echo "  in QBO: ", $ours('Customer', 'Notes'), " customer, ", $ours('Invoice', 'PrivateNote'), " invoice, ",
        $ours('Payment', 'PrivateNote'), " payment\n";
};
// QuickBooks fails (a 502 before it commits anything) every POST of the next $n
$fail = fn(int $n) => qbo_test_fault(['kind' => 'html', 'when' => 'before', 'status' => 502, 'method' => 'POST', 'realm' => $realm,
    'count' => $n, 'path' => "/v3/company/$realm/*"]);
qbo_push($conn, 'customer', eng_customer('c1', 'Ann', 'Lee', 'ann@example.com'));
$fail(1);
qbo_sync($conn);
qbo_push($conn, 'invoice', eng_invoice('i1', 'c1', '85.57', 'INV-1'));
$fail(3);
qbo_sync($conn);
// the payment alone (batch_size 1: the one-record path) delivers its customer first, which fails again
qbo_push($conn, 'payment', eng_payment('p1', 'c1', '85.57', 'i1'));
$fail(3);
qbo_sync($conn, ['batch_size' => 1]);
qbo_test_http('DELETE', '/_sandbox/faults', ['realm' => $realm]);
$show('the customer failed three times');
echo "  payment p1's create requestid kept: ",
    qbo_test_store_rows($opts['store'], "SELECT create_rid FROM entity WHERE kind = 'payment' AND local_id = 'p1'")[0]['create_rid'] ? 'yes' : 'no', "\n";
// the billing system deletes the payment, then cancels the invoice
qbo_delete($conn, 'payment', 'p1');
qbo_push($conn, 'invoice', eng_invoice('i1', 'c1', '85.57', 'INV-1', ['status' => 'cancelled']));
for ($k = 0; $k < 3; $k++) {
    qbo_test_store_exec($opts['store'], 'UPDATE outbox SET next_try = 0');
    qbo_sync($conn, ['batch_size' => 1]);
}
$show('payment deleted, invoice cancelled');
echo "  queued: ", qbo_status($conn)['queued'], "\n";
echo "  ", preg_grep('/never reached QuickBooks/', array_column(qbo_log($conn, ['kind' => 'payment', 'id' => 'p1']), 'message')) ? 'the log says why' : 'no reason logged', "\n";
?>
--EXPECT--
the customer failed three times:
  customer c1: Not Tried - Queued, will retry: QuickBooks failed on Customer (HTTP 502, Content-Type text/h
  invoice i1: Waiting - Waiting on customer c1
  payment p1: Not Tried - Queued, will retry: QuickBooks failed on Customer (HTTP 502, Content-Type text/h
  in QBO: 0 customer, 0 invoice, 0 payment
  payment p1's create requestid kept: yes
payment deleted, invoice cancelled:
  customer c1: Synced
  invoice i1: Skipped - Cancelled before it reached QuickBooks
  payment p1: Deleted - Deleted before it reached QuickBooks
  in QBO: 1 customer, 0 invoice, 0 payment
  queued: 0
  the log says why
