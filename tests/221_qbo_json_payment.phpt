--TEST--
A payment reaches QBO with TotalAmt, PaymentRefNum cut to 21 characters (the full gateway reference kept in PrivateNote with the qbosync marker), QBO's default deposit account when none is mapped, and a LinkedTxn to its invoice
--FILE--
<?php
require __DIR__ . '/map.inc';
[$conn, $realm, $options] = qbo_test_connect();

qbo_push($conn, 'customer', ['id' => 17, 'email' => 'jane@example.com', 'first_name' => 'Jane', 'last_name' => 'Doe'], QBO_QUEUE_ONLY);
qbo_push($conn, 'invoice', map_test_invoice(), QBO_QUEUE_ONLY);
$reference = 'ch_3PqXyZ2eZvKYlo2C1Abcdefghijk';
qbo_push($conn, 'payment', [
    'id' => 77, 'customer' => 17, 'date' => '2026-11-24', 'amount' => '120.00', 'method' => 'stripe',
    'reference' => $reference, 'applies_to' => [['invoice' => 1042, 'amount' => '100.00']],
], QBO_QUEUE_ONLY);
$result = qbo_sync($conn);
echo "delivered: ", $result['delivered'], ", errors: ", $result['errors'], "\n";
$ids = [];
foreach (qbo_entities($conn) as $e) {
    $ids[$e['kind']] = $e['qbo_id'];
}

$p = qbo_test_api($realm, 'GET', 'payment/' . $ids['payment'])['json']['Payment'];
echo "TotalAmt: ", number_format($p['TotalAmt'], 2, '.', ''), ", UnappliedAmt: ", number_format($p['UnappliedAmt'], 2, '.', ''), "\n";
echo "TxnDate: ", $p['TxnDate'], "\n";
echo "PaymentRefNum: ", $p['PaymentRefNum'], " (", strlen($p['PaymentRefNum']), " chars)\n";
echo "PrivateNote: ", $p['PrivateNote'], "\n";
echo "full reference in the note: ", var_export(str_contains($p['PrivateNote'], $reference), true), "\n";
echo "CustomerRef is the customer: ", var_export($p['CustomerRef']['value'] === $ids['customer'], true), "\n";
$acct = qbo_test_api($realm, 'GET', 'account/' . $p['DepositToAccountRef']['value'])['json']['Account'];
echo "deposited to: ", $acct['Name'], "\n";
foreach ($p['Line'] as $l) {
    echo "line ", number_format($l['Amount'], 2, '.', ''), " -> ", $l['LinkedTxn'][0]['TxnType'], ' ',
        var_export($l['LinkedTxn'][0]['TxnId'] === $ids['invoice'], true), "\n";
}
$i = qbo_test_api($realm, 'GET', 'invoice/' . $ids['invoice'])['json']['Invoice'];
echo "invoice TotalAmt: ", number_format($i['TotalAmt'], 2, '.', ''), ", Balance: ", number_format($i['Balance'], 2, '.', ''), "\n";
?>
--EXPECT--
delivered: 3, errors: 0
TotalAmt: 120.00, UnappliedAmt: 20.00
TxnDate: 2026-11-24
PaymentRefNum: ch_3PqXyZ2eZvKYlo2C1A (21 chars)
PrivateNote: qbosync:payment:77 reference ch_3PqXyZ2eZvKYlo2C1Abcdefghijk
full reference in the note: true
CustomerRef is the customer: true
deposited to: Undeposited Funds
line 100.00 -> Invoice true
invoice TotalAmt: 100.00, Balance: 0.00
