--TEST--
A UK (VAT) company: tax-exclusive prices (GlobalTaxCalculation TaxExcluded) add the VAT to the lines, tax-inclusive prices (TaxInclusive) hold it inside them, each line carrying its mapped TaxCodeRef; a 0 % line goes with a real zero-rated code and an untaxed one with the exempt code; QBO computes tax and total as the billing system did (Synced, figures from the ledger); an inclusive invoice whose tax is mapped to a code of another rate keeps its total but not its tax: Mismatch with both figures
--FILE--
<?php
require __DIR__ . '/engine.inc';
$realm = qbo_test_company(['country' => 'GB', 'name' => 'Albion Hosting']);
[$conn, $realm] = qbo_test_connect(['home_currency' => 'GBP'], $realm);
// seeded GB codes: 1 "20.0% S", 2 "5.0% R", 3 "Exempt", 4 "0.0% Z"
qbo_map($conn, 'tax', 'vat20', '1', ['rate' => '20']);
qbo_map($conn, 'tax', 'zero', '4', ['rate' => '0']);
qbo_map($conn, 'tax', 'exempt', '3');
qbo_map($conn, 'item', '*', '1');
try {
    qbo_map($conn, 'tax', 'zero', '2', ['rate' => '0']);
} catch (QboSync\ValidationException $e) {
    echo "zero -> 2: ", $e->getMessage(), "\n";
}
qbo_push($conn, 'customer', ['id' => 'u1', 'email' => 'ap@albion.example', 'company' => 'Albion Ltd']);
$inv = fn($id, $incl, $lines, $taxes, $sub, $tax, $total) => ['id' => $id, 'customer' => 'u1', 'number' => $id,
    'date' => '2026-11-23', 'status' => 'unpaid', 'tax_inclusive' => $incl, 'lines' => $lines, 'taxes' => $taxes,
    'subtotal' => $sub, 'tax_total' => $tax, 'total' => $total];
$docs = [
    // net prices: 100.00 at 20 %, 30.00 zero-rated, 10.00 untaxed -> 20.00 VAT, 160.00
    $inv('UK-EX', false, [['description' => 'Dedicated server', 'amount' => '100.00', 'tax' => 'vat20'],
        ['description' => 'Book', 'amount' => '30.00', 'tax' => 'zero'], ['description' => 'Donation', 'amount' => '10.00']],
        [['tax' => 'vat20', 'rate' => '20', 'amount' => '20.00'], ['tax' => 'zero', 'rate' => '0', 'amount' => '0.00']],
        '140.00', '20.00', '160.00'),
    // gross prices: 120.00 and 99.99 at 20 % hold 20.00 + 16.67 VAT (the billing system rounds per line), 30.00 zero-rated
    $inv('UK-IN', true, [['description' => 'Dedicated server', 'amount' => '120.00', 'tax' => 'vat20'],
        ['description' => 'Managed backup', 'amount' => '99.99', 'tax' => 'vat20'], ['description' => 'Book', 'amount' => '30.00', 'tax' => 'zero']],
        [['tax' => 'vat20', 'rate' => '20', 'amount' => '36.67'], ['tax' => 'zero', 'rate' => '0', 'amount' => '0.00']],
        '249.99', '36.67', '249.99'),
];
foreach ($docs as $d) {
    $s = qbo_push($conn, 'invoice', $d);
    $q = qbo_test_api($realm, 'GET', "invoice/{$s['qbo_id']}")['json']['Invoice'];
    echo "{$d['id']}: {$s['state']}; QBO {$q['GlobalTaxCalculation']}, lines ", implode(', ', array_map(
        fn($l) => number_format($l['Amount'], 2) . ' code ' . $l['SalesItemLineDetail']['TaxCodeRef']['value'],
        array_filter($q['Line'], fn($l) => $l['DetailType'] === 'SalesItemLineDetail'))),
        "; tax ", number_format($q['TxnTaxDetail']['TotalTax'], 2), " (", implode(' + ', array_map(
            fn($t) => number_format($t['Amount'], 2) . ' at ' . $t['TaxLineDetail']['TaxPercent'] . ' % of ' . number_format($t['TaxLineDetail']['NetAmountTaxable'], 2),
            $q['TxnTaxDetail']['TaxLine'] ?? [])), "), total ", number_format($q['TotalAmt'], 2), ", balance ", number_format($q['Balance'], 2), "\n";
}
// the same inclusive prices with the VAT mapped to the 5 % code (no rate given, so qbo_map cannot check it)
qbo_map($conn, 'tax', 'vat5', '2');
$d = $inv('UK-IN5', true, [['description' => 'Dedicated server', 'amount' => '120.00', 'tax' => 'vat5']],
    [['tax' => 'vat5', 'rate' => '20', 'amount' => '20.00']], '120.00', '20.00', '120.00');
$s = qbo_push($conn, 'invoice', $d);
$q = qbo_test_api($realm, 'GET', "invoice/{$s['qbo_id']}")['json']['Invoice'];
echo "UK-IN5: {$s['state']}; QBO tax ", number_format($q['TxnTaxDetail']['TotalTax'], 2), ", total ", number_format($q['TotalAmt'], 2), "\n{$s['reason']}\n";
?>
--EXPECT--
zero -> 2: Tax zero cannot map to QuickBooks tax code 2 ("5.0% R"): it charges 5 % but the billing system charges 0 %, so QuickBooks' totals would differ; map a code of 0 %
UK-EX: Synced; QBO TaxExcluded, lines 100.00 code 1, 30.00 code 4, 10.00 code 3; tax 20.00 (20.00 at 20 % of 100.00 + 0.00 at 0 % of 30.00 + 0.00 at 0 % of 10.00), total 160.00, balance 160.00
UK-IN: Synced; QBO TaxInclusive, lines 120.00 code 1, 99.99 code 1, 30.00 code 4; tax 36.67 (36.67 at 20 % of 183.32 + 0.00 at 0 % of 30.00), total 249.99, balance 249.99
UK-IN5: Mismatch; QBO tax 5.71, total 120.00
Invoice UK-IN5: QuickBooks tax total 5.71, billing tax total 20.00 — QuickBooks' tax codes charge 5 % where the billing system charges 20 % (tax "vat5"): map "vat5" to a QuickBooks tax code of 20 % with qbo_map($conn, 'tax', 'vat5', '<QBO TaxCode Id>') and send the invoice again with qbo_resend()
