--TEST--
A valid customer and invoice reach QBO as the mapping says: DisplayName cleaned, names, email, address, DocNumber, dates, line amounts, quantities, unit prices and totals as QBO computed them
--FILE--
<?php
require __DIR__ . '/map.inc';
[$conn, $realm, $options] = qbo_test_connect();

qbo_push($conn, 'customer', [
    'id' => 17, 'email' => 'jane@example.com', 'first_name' => 'Jane', 'last_name' => 'Doe',
    'company' => "Doe: Web\tServices", 'phone' => '+1 555 0100',
    'address' => ['line1' => '1 Main St', 'city' => 'Springfield', 'region' => 'IL', 'postal_code' => '62701', 'country' => 'us'],
    'tax_exempt' => true,
], QBO_QUEUE_ONLY);
qbo_push($conn, 'invoice', [
    'id' => 1042, 'customer' => 17, 'number' => 'INV-2026-1042', 'date' => '2026-11-23', 'due' => '2026-12-07',
    'status' => 'unpaid',
    'lines' => [
        ['description' => 'Web hosting (November)', 'quantity' => '2', 'unit_price' => '30.00', 'amount' => '60.00'],
        /* 1.5 x 33.33 = 49.995: half away from zero gives 50.00 */
        ['description' => 'Support hours', 'quantity' => 1.5, 'unit_price' => '33.33', 'amount' => '50.00'],
        ['description' => 'Setup', 'amount' => 10.99],
        ['description' => 'Domain', 'unit_price' => 3.33],
    ],
    /* the lines add up to 124.32; the billing system says 124.33 (within one cent per line) */
    'subtotal' => '124.33', 'tax_total' => '0.00', 'total' => '124.33',
], QBO_QUEUE_ONLY);
$result = qbo_sync($conn);
echo "delivered: ", $result['delivered'], ", errors: ", $result['errors'], "\n";

$ids = [];
foreach (qbo_entities($conn) as $e) {
    echo $e['kind'], ' ', $e['id'], ': ', $e['state'], "\n";
    $ids[$e['kind']] = $e['qbo_id'];
}

$c = qbo_test_api($realm, 'GET', 'customer/' . $ids['customer'])['json']['Customer'];
echo "DisplayName: ", $c['DisplayName'], "\n";
echo "GivenName/FamilyName: ", $c['GivenName'], ' / ', $c['FamilyName'], "\n";
echo "CompanyName: ", $c['CompanyName'], "\n";
echo "Email: ", $c['PrimaryEmailAddr']['Address'], ", Phone: ", $c['PrimaryPhone']['FreeFormNumber'], "\n";
echo "BillAddr: ", $c['BillAddr']['Line1'], ', ', $c['BillAddr']['City'], ', ', $c['BillAddr']['CountrySubDivisionCode'],
    ' ', $c['BillAddr']['PostalCode'], ', ', $c['BillAddr']['Country'], "\n";
echo "Taxable: ", var_export($c['Taxable'], true), "\n";

$i = qbo_test_api($realm, 'GET', 'invoice/' . $ids['invoice'])['json']['Invoice'];
echo "DocNumber: ", $i['DocNumber'], ", TxnDate: ", $i['TxnDate'], ", DueDate: ", $i['DueDate'], "\n";
echo "CustomerRef is the customer: ", var_export($i['CustomerRef']['value'] === $ids['customer'], true), "\n";
foreach ($i['Line'] as $l) {
    if ($l['DetailType'] !== 'SalesItemLineDetail') {
        echo $l['DetailType'], ' ', number_format($l['Amount'], 2, '.', ''), "\n";
        continue;
    }
    $d = $l['SalesItemLineDetail'];
    printf("%s: %s x %s = %s (%s)\n", $l['Description'], $d['Qty'],
        isset($d['UnitPrice']) ? number_format($d['UnitPrice'], 2, '.', '') : '-',
        number_format($l['Amount'], 2, '.', ''), $d['TaxCodeRef']['value'] ?? '');
}
echo "TotalAmt: ", number_format($i['TotalAmt'], 2, '.', ''), ", Balance: ", number_format($i['Balance'], 2, '.', ''), "\n";
echo "PrivateNote: ", $i['PrivateNote'], "\n";
?>
--EXPECT--
delivered: 2, errors: 0
customer 17: Synced
invoice 1042: Synced
DisplayName: Doe Web Services
GivenName/FamilyName: Jane / Doe
CompanyName: Doe: Web Services
Email: jane@example.com, Phone: +1 555 0100
BillAddr: 1 Main St, Springfield, IL 62701, US
Taxable: false
DocNumber: INV-2026-1042, TxnDate: 2026-11-23, DueDate: 2026-12-07
CustomerRef is the customer: true
Web hosting (November): 2 x 30.00 = 60.00 (NON)
Support hours: 1.5 x 33.33 = 50.00 (NON)
Setup: 1 x 11.00 = 11.00 (NON)
Domain: 1 x 3.33 = 3.33 (NON)
SubTotalLineDetail 124.33
TotalAmt: 124.33, Balance: 124.33
PrivateNote: qbosync:invoice:1042
