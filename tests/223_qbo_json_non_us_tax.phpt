--TEST--
A non-US (CA) company: every invoice line carries a TaxCodeRef (the line's mapped tax, "exempt" for untaxed lines), GlobalTaxCalculation TaxExcluded, no CurrencyRef for the home currency; QBO's tax and total equal the document's; an unmapped tax makes the invoice wait (Waiting on tax) naming the qbo_map() call
--FILE--
<?php
require __DIR__ . '/map.inc';
$realm = qbo_test_company(['country' => 'CA', 'currency' => 'CAD', 'name' => 'Maple Hosting']);
[$conn, $realm, $options] = qbo_test_connect(['home_currency' => 'CAD'], $realm);
/* seeded CA tax codes: 1 GST 5%, 3 Exempt; item 1 is a seeded service item
   (the fallback item is mapped to it: this test is about tax codes) */
qbo_map($conn, 'tax', 'gst', '1');
qbo_map($conn, 'tax', 'exempt', '3');
qbo_map($conn, 'item', '*', '1');
qbo_push($conn, 'customer', ['id' => 5, 'email' => 'ap@loonie.example', 'company' => 'Loonie Ltd'], QBO_QUEUE_ONLY);
qbo_push($conn, 'invoice', map_test_invoice(['customer' => 5, 'currency' => 'CAD',
    'lines' => [['description' => 'VPS', 'amount' => '80.00', 'tax' => 'gst'], ['description' => 'Backup', 'amount' => '20.00']],
    'taxes' => [['tax' => 'gst', 'rate' => '5', 'amount' => '4.00']],
    'subtotal' => '100.00', 'tax_total' => '4.00', 'total' => '104.00']), QBO_QUEUE_ONLY);
/* a tax nobody mapped */
qbo_push($conn, 'invoice', map_test_invoice(['id' => 1043, 'customer' => 5, 'number' => 'INV-1043',
    'lines' => [['description' => 'VPS', 'amount' => '80.00', 'tax' => 'pst']],
    'subtotal' => '80.00', 'tax_total' => '0.00', 'total' => '80.00']), QBO_QUEUE_ONLY);
$result = qbo_sync($conn);
echo "delivered: ", $result['delivered'], ", errors: ", $result['errors'], "\n";
$ids = [];
foreach (qbo_entities($conn) as $e) {
    echo $e['kind'], ' ', $e['id'], ': ', $e['state'], $e['reason'] ? ' - ' . $e['reason'] : '', "\n";
    $ids[$e['kind'] . $e['id']] = $e['qbo_id'];
}
$money = fn($v) => number_format($v, 2, '.', '');
$i = qbo_test_api($realm, 'GET', 'invoice/' . $ids['invoice1042'])['json']['Invoice'];
foreach ($i['Line'] as $l) {
    if ($l['DetailType'] === 'SalesItemLineDetail') {
        echo $l['Description'], ' ', $money($l['Amount']), ' TaxCodeRef ', $l['SalesItemLineDetail']['TaxCodeRef']['value'], "\n";
    }
}
echo "GlobalTaxCalculation: ", $i['GlobalTaxCalculation'], ", CurrencyRef: ", $i['CurrencyRef']['value'], "\n";
echo "TotalTax: ", $money($i['TxnTaxDetail']['TotalTax']), ", TotalAmt: ", $money($i['TotalAmt']), "\n";
?>
--EXPECT--
delivered: 2, errors: 0
customer 5: Synced
invoice 1042: Synced
invoice 1043: Waiting - Waiting on tax "pst": map it to a QuickBooks tax code with qbo_map($conn, 'tax', 'pst', '<QBO TaxCode Id>')
VPS 80.00 TaxCodeRef 1
Backup 20.00 TaxCodeRef 3
GlobalTaxCalculation: TaxExcluded, CurrencyRef: CAD
TotalTax: 4.00, TotalAmt: 104.00
