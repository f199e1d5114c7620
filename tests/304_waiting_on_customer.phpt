--TEST--
An invoice whose customer was never pushed waits ("Waiting on customer 12") and is delivered once the customer is
--FILE--
<?php
require __DIR__ . '/engine.inc';
[$conn, $realm, $opts] = qbo_test_connect();
$i = qbo_push($conn, 'invoice', eng_invoice('500', '12', '40.00', 'W-500'));
echo "invoice: {$i['state']}, reason: {$i['reason']}, queued ", var_export($i['queued'], true), "\n";
$p = qbo_push($conn, 'payment', eng_payment('pay-500', '12', '40.00', '500'));
echo "payment: {$p['state']}, reason: {$p['reason']}\n";
echo "QBO invoices W-500 before: ", eng_qbo_count($realm, 'Invoice', 'DocNumber', 'W-500'), "\n";
$s = qbo_status($conn);
echo "status: Waiting {$s['counts']['Waiting']}, queued {$s['queued']}\n";
$c = qbo_push($conn, 'customer', eng_customer('12', 'Wes', 'Tan', 'wes@example.com'));
echo "customer: {$c['state']}\n";
foreach (qbo_entities($conn) as $e) {
    echo "{$e['kind']} {$e['id']}: {$e['state']}", $e['reason'] === null ? '' : " ({$e['reason']})", "\n";
}
$inv = qbo_test_query($realm, "select * from Invoice where DocNumber = 'W-500'");
echo "QBO invoices W-500 after: ", count($inv), ", for the customer: ", var_export($inv[0]['CustomerRef']['value'] === $c['qbo_id'], true),
    ", balance {$inv[0]['Balance']}\n";
echo "payments: ", eng_qbo_payments_marked($realm, 'pay-500'), "\n";
?>
--EXPECT--
invoice: Waiting, reason: Waiting on customer 12, queued true
payment: Waiting, reason: Waiting on customer 12
QBO invoices W-500 before: 0
status: Waiting 2, queued 2
customer: Synced
customer 12: Synced
invoice 500: Synced
payment pay-500: Synced
QBO invoices W-500 after: 1, for the customer: true, balance 0
payments: 1
