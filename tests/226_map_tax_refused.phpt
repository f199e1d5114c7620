--TEST--
qbo_map('tax') refuses at mapping time, with the reason, what QBO cannot use: TAX/NON (line markers, not codes), a code whose rate is not the billing rate given as extra 'rate', a non-zero code for "exempt" (untaxed lines), an unknown Id; a usable code maps
--FILE--
<?php
require __DIR__ . '/engine.inc';
[$us] = qbo_test_connect();
$gbRealm = qbo_test_company(['country' => 'GB', 'name' => 'books GB']);
[$gb] = qbo_test_connect([], $gbRealm);
$cases = [
    [$us, 'vat7', 'NON', []],
    [$us, 'st8', '1', ['rate' => '8']],
    [$us, 'st8', '99', []],
    [$gb, 'exempt', '1', []],
    [$us, 'st825', '1', ['rate' => '8.25']],
    [$gb, 'exempt', '3', []],
    [$gb, 'vat20', '1', ['rate' => '20']],
];
foreach ($cases as [$c, $local, $qbo, $extra]) {
    try {
        $m = qbo_map($c, 'tax', $local, $qbo, $extra);
        echo "$local -> $qbo: mapped to {$m['qbo_id']} ({$m['name']})\n";
    } catch (QboSync\Exception $e) {
        echo "$local -> $qbo: ", get_class($e), ": ", $e->getMessage(), "\n";
    }
}
echo "US tax mappings: ", implode(',', array_map(fn($m) => "{$m['local_id']}={$m['qbo_id']}", qbo_mappings($us, 'tax'))), "\n";
?>
--EXPECT--
vat7 -> NON: QboSync\ValidationException: Tax vat7 cannot map to NON: TAX and NON only mark US invoice lines taxable or not, they are not tax codes QuickBooks can charge (every invoice would fail with 2500); map it to a TaxCode Id (list them with a query of TaxCode), or use "auto"
st8 -> 1: QboSync\ValidationException: Tax st8 cannot map to QuickBooks tax code 1 ("Combined Sales Tax"): it charges 8.25 % but the billing system charges 8 %, so QuickBooks' totals would differ; map a code of 8 %
st8 -> 99: QboSync\ApiException: QuickBooks has no TaxCode with Id 99 (610 Object Not Found); check the Id or use "auto"
exempt -> 1: QboSync\ValidationException: Tax exempt (the code of untaxed lines) cannot map to QuickBooks tax code 1 ("20.0% S"): it charges 20 %; map a zero-rated or exempt code (0 %)
st825 -> 1: mapped to 1 (Combined Sales Tax)
exempt -> 3: mapped to 3 (Exempt)
vat20 -> 1: mapped to 1 (20.0% S)
US tax mappings: st825=1
