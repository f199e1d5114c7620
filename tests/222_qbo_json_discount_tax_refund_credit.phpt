--TEST--
Discount lines become one QBO DiscountLineDetail; taxes go out with the mapped TaxCode (US: taxable lines TAX, others NON) and QBO computes the same tax; a refund becomes a RefundReceipt paid from a Bank account, its note naming what it refunds (with QBO Ids when in QBO), a credit note a CreditMemo; QBO totals equal the documents
--FILE--
<?php
require __DIR__ . '/map.inc';
[$conn, $realm, $options] = qbo_test_connect();

/* the billing system's "state" tax is QBO's seeded TaxCode 2, State Sales Tax 6.25% */
$m = qbo_map($conn, 'tax', 'state', '2');
echo "tax state -> TaxCode ", $m['qbo_id'], "\n";
qbo_push($conn, 'customer', ['id' => 17, 'email' => 'jane@example.com', 'company' => 'Doe Hosting'], QBO_QUEUE_ONLY);
qbo_push($conn, 'invoice', map_test_invoice([
    'lines' => [
        ['description' => 'VPS', 'quantity' => '1', 'unit_price' => '80.00', 'amount' => '80.00', 'taxable' => true],
        ['description' => 'Backup', 'amount' => '20.00', 'taxable' => false],
        ['description' => 'Welcome discount', 'kind' => 'discount', 'amount' => '-10.00'],
    ],
    'taxes' => [['tax' => 'state', 'rate' => '6.25', 'amount' => '5.00']],
    'subtotal' => '90.00', 'tax_total' => '5.00', 'total' => '95.00',
]), QBO_QUEUE_ONLY);
qbo_push($conn, 'refund', ['id' => 'r9', 'customer' => 17, 'date' => '2026-11-25', 'amount' => '15.00',
    'refunds' => 77, 'invoice' => 1042, 'reference' => 're_3PqXyZ2eZvKYlo2C1Refund0001'], QBO_QUEUE_ONLY);
qbo_push($conn, 'credit', ['id' => 'cn5', 'customer' => 17, 'date' => '2026-11-26', 'amount' => '12.50',
    'reason' => 'Outage on 2026-11-20'], QBO_QUEUE_ONLY);
$result = qbo_sync($conn);
echo "delivered: ", $result['delivered'], ", errors: ", $result['errors'], "\n";
$ids = [];
foreach (qbo_entities($conn) as $e) {
    if ($e['state'] !== 'Synced') {
        echo $e['kind'], ' ', $e['id'], ': ', $e['state'], ' ', $e['reason'], "\n";
    }
    $ids[$e['kind']] = $e['qbo_id'];
}
$money = fn($v) => number_format($v, 2, '.', '');

$i = qbo_test_api($realm, 'GET', 'invoice/' . $ids['invoice'])['json']['Invoice'];
foreach ($i['Line'] as $l) {
    $code = $l['SalesItemLineDetail']['TaxCodeRef']['value'] ?? '';
    echo $l['DetailType'], ' ', $l['Description'] ?? '', ' ', $money($l['Amount']), $code !== '' ? " $code" : '', "\n";
}
echo "TxnTaxCodeRef: ", $i['TxnTaxDetail']['TxnTaxCodeRef']['value'], ", TotalTax: ", $money($i['TxnTaxDetail']['TotalTax']),
    ", TotalAmt: ", $money($i['TotalAmt']), "\n";

$r = qbo_test_api($realm, 'GET', 'refundreceipt/' . $ids['refund'])['json']['RefundReceipt'];
$acct = qbo_test_api($realm, 'GET', 'account/' . $r['DepositToAccountRef']['value'])['json']['Account'];
echo "RefundReceipt: ", $money($r['TotalAmt']), " from ", $acct['Name'], " (", $acct['AccountType'], "), ",
    $r['Line'][0]['Description'], ", PaymentRefNum ", $r['PaymentRefNum'], "\n";
echo "PrivateNote: ", $r['PrivateNote'], "\n";

$c = qbo_test_api($realm, 'GET', 'creditmemo/' . $ids['credit'])['json']['CreditMemo'];
echo "CreditMemo: ", $money($c['TotalAmt']), ", ", $c['Line'][0]['Description'], ", memo: ", $c['CustomerMemo']['value'],
    ", PrivateNote: ", $c['PrivateNote'], "\n";
?>
--EXPECT--
tax state -> TaxCode 2
delivered: 4, errors: 0
SalesItemLineDetail VPS 80.00 TAX
SalesItemLineDetail Backup 20.00 NON
DiscountLineDetail Welcome discount 10.00
SubTotalLineDetail  100.00
TxnTaxCodeRef: 2, TotalTax: 5.00, TotalAmt: 95.00
RefundReceipt: 15.00 from Checking (Bank), Refund of payment 77 (invoice 1042), PaymentRefNum re_3PqXyZ2eZvKYlo2C1R
PrivateNote: qbosync:refund:r9 reference re_3PqXyZ2eZvKYlo2C1Refund0001 - refunds payment 77 of invoice 1042 (QBO Invoice 2)
CreditMemo: 12.50, Outage on 2026-11-20, memo: Outage on 2026-11-20, PrivateNote: qbosync:credit:cn5
