--TEST--
Gateways: a payment goes to the deposit account mapped for its method (payment_method mapped to a QBO PaymentMethod), one of an unmapped method to the account mapped for "*", else QuickBooks' default (Undeposited Funds), never to another gateway's account; refunds likewise (the refund account of the gateway, else the first Bank account)
--FILE--
<?php
require __DIR__ . '/engine.inc';
[$conn, $realm] = qbo_test_connect();
qbo_push($conn, 'customer', eng_customer('c1', 'Gate', 'Way', 'gate@example.com'));
foreach (['i1' => '10.00', 'i2' => '20.00', 'i3' => '40.00'] as $id => $amt) {
    qbo_push($conn, 'invoice', eng_invoice($id, 'c1', $amt, "GW-$id"));
}
$bank = qbo_map($conn, 'account', 'stripe', 'create', ['purpose' => 'deposit', 'name' => 'Stripe Clearing']);
$pm = qbo_map($conn, 'payment_method', 'stripe', 'create', ['name' => 'Stripe']);
$acct = fn($id) => qbo_test_api($realm, 'GET', "account/$id")['json']['Account'];
$show = function (string $label, array $p) use ($realm, $acct) {
    $q = qbo_test_api($realm, 'GET', "payment/{$p['qbo_id']}")['json']['Payment'];
    $a = $acct($q['DepositToAccountRef']['value']);
    echo "$label: {$p['state']}, deposited to \"{$a['Name']}\" ({$a['AccountSubType']}), method ",
        isset($q['PaymentMethodRef']) ? "\"{$q['PaymentMethodRef']['name']}\"" : 'none', "\n";
};
$show('stripe payment', qbo_push($conn, 'payment', ['method' => 'stripe'] + eng_payment('p1', 'c1', '10.00', 'i1')));
$show('paypal payment (unmapped)', qbo_push($conn, 'payment', eng_payment('p2', 'c1', '20.00', 'i2')));
$all = qbo_map($conn, 'account', '*', 'create', ['purpose' => 'deposit', 'name' => 'Main Bank Clearing']);
$show('paypal payment once "*" is mapped', qbo_push($conn, 'payment', eng_payment('p3', 'c1', '40.00', 'i3')));
// refunds: the gateway's own refund account, else that of "*", never another gateway's
$rb = qbo_map($conn, 'account', 'stripe', 'create', ['purpose' => 'refund', 'name' => 'Stripe Refunds']);
foreach (['stripe' => 'r1', 'paypal' => 'r2'] as $gw => $rid) {
    $r = qbo_push($conn, 'refund', ['id' => $rid, 'customer' => 'c1', 'date' => '2026-11-25', 'amount' => '1.00', 'method' => $gw]);
    $q = qbo_test_api($realm, 'GET', "refundreceipt/{$r['qbo_id']}")['json']['RefundReceipt'];
    echo "$gw refund: {$r['state']}, paid from \"", $acct($q['DepositToAccountRef']['value'])['Name'], "\"\n";
}
?>
--EXPECT--
stripe payment: Synced, deposited to "Stripe Clearing" (UndepositedFunds), method "Stripe"
paypal payment (unmapped): Synced, deposited to "Undeposited Funds" (UndepositedFunds), method none
paypal payment once "*" is mapped: Synced, deposited to "Main Bank Clearing" (UndepositedFunds), method none
stripe refund: Synced, paid from "Stripe Refunds"
paypal refund: Synced, paid from "Checking"