--TEST--
qbo_reconcile in a multicurrency company: each record is compared in its own currency, the sums are in the home currency (the billing side at each document's rate, QBO's HomeTotalAmt, or a Payment's total at its ExchangeRate), a table per currency in its own units, JPY in its own minor units; a record whose currency differs between the two sides is named so, not as an amount difference
--FILE--
<?php
require __DIR__ . '/cli.inc';
require __DIR__ . '/engine.inc';
$realm = qbo_test_company(['name' => 'mc 513', 'multicurrency' => true]);
[$conn, , $options] = qbo_test_connect(['delivery' => 'worker'], $realm);
$docs = [
    'customer' => [eng_customer('e1', 'Ida', 'Berg', 'ida@example.com', ['currency' => 'EUR']), eng_customer('u1', 'Al', 'Ute', 'al@example.com'),
        eng_customer('j1', 'Aki', 'Sato', 'aki@example.com', ['currency' => 'JPY'])],
    'invoice' => [
        eng_invoice('ei1', 'e1', '100.00', 'EU-1', ['currency' => 'EUR', 'exchange_rate' => '1.1']),
        eng_invoice('ei2', 'e1', '19.99', 'EU-2', ['currency' => 'EUR', 'exchange_rate' => '1.086957']),
        eng_invoice('ui1', 'u1', '50.00', 'US-1'),
        eng_invoice('ji1', 'j1', '1200', 'JP-1', ['currency' => 'JPY', 'exchange_rate' => '0.0067']),
    ],
    'payment' => [eng_payment('ep1', 'e1', '60.00', 'ei1') + ['currency' => 'EUR', 'exchange_rate' => '1.12'], eng_payment('up1', 'u1', '50.00', 'ui1')],
];
foreach ($docs as $kind => $list) {
    foreach ($list as $d) {
        qbo_push($conn, $kind, $d);
    }
}
qbo_sync($conn);
$bad = array_filter(qbo_entities($conn, []), fn($e) => $e['state'] !== 'Synced');
echo "not Synced: ", count($bad), "\n";
$source = function (string $kind, int $offset, int $limit) use (&$docs) {
    return array_slice($docs[$kind] ?? [], $offset, $limit);
};
$show = function () use ($conn, $source) {
    $r = qbo_reconcile($conn, ['from' => '2026-11-01', 'to' => '2026-11-30', 'source' => $source, 'kinds' => ['invoice', 'payment']]);
    foreach ($r['kinds'] as $kind => $k) {
        printf("%-8s billing %d %7s | QBO %d %7s (USD)\n", $kind, $k['billing']['count'], $k['billing']['sum'], $k['qbo']['count'], $k['qbo']['sum']);
        foreach ($k['currencies'] ?? [] as $code => $t) {
            printf("  %s: billing %d %7s | QBO %d %7s\n", $code, $t['billing']['count'], $t['billing']['sum'], $t['qbo']['count'], $t['qbo']['sum']);
        }
        foreach ($k['differ'] as $d) {
            echo "  differs: ", $d['id'] ?? '-', " (", $d['billing'] ?? '-', " / ", $d['qbo'] ?? '-', "): ", $d['reason'], "\n";
        }
    }
};
$show();
// the billing system's EUR invoice ei2 now says 21.99, and ui1 is in EUR there (QBO keeps it in USD)
$docs['invoice'][1]['total'] = $docs['invoice'][1]['subtotal'] = $docs['invoice'][1]['lines'][0]['amount'] = $docs['invoice'][1]['lines'][0]['unit_price'] = '21.99';
$docs['invoice'][2] += ['currency' => 'EUR', 'exchange_rate' => '1.1'];
echo "after the billing side changed:\n";
$show();
// bin/qbosync reconcile: the currency rows under their kind
$docsFile = qbo_test_tmp($options['store'], '.docs.json');
file_put_contents($docsFile, json_encode($docs));
$cfg = tempnam(sys_get_temp_dir(), 'qbosync-cli-') . '.php';
file_put_contents($cfg, "<?php\n\$o = " . var_export($options, true) . ";\n\$o['source'] = fn(string \$k, int \$o, int \$l) => array_slice(json_decode(file_get_contents("
    . var_export($docsFile, true) . "), true)[\$k] ?? [], \$o, \$l);\nreturn \$o;\n");
[$rc, $out] = cli_run($cfg, ['reconcile', '--from', '2026-11-01', '--to', '2026-11-30', '--kinds', 'invoice']);
echo "cli rc $rc:\n$out";
@unlink($docsFile);
@unlink($cfg);
?>
--EXPECTF--
not Synced: 0
invoice  billing 4  189.77 | QBO 4  189.77 (USD)
  EUR: billing 2  119.99 | QBO 2  119.99
  USD: billing 1   50.00 | QBO 1   50.00
  JPY: billing 1    1200 | QBO 1    1200
payment  billing 2  117.20 | QBO 2  117.20 (USD)
  EUR: billing 1   60.00 | QBO 1   60.00
  USD: billing 1   50.00 | QBO 1   50.00
after the billing side changed:
invoice  billing 4  196.94 | QBO 4  189.77 (USD)
  EUR: billing 3  171.99 | QBO 2  119.99
  JPY: billing 1    1200 | QBO 1    1200
  USD: billing 0    0.00 | QBO 1   50.00
  differs: ei2 (21.99 EUR / 19.99 EUR): Amount differs: 21.99 EUR in the billing system, 19.99 EUR in QuickBooks
  differs: ui1 (50.00 EUR / 50.00): Currency differs: EUR in the billing system, USD in QuickBooks
payment  billing 2  117.20 | QBO 2  117.20 (USD)
  EUR: billing 1   60.00 | QBO 1   60.00
  USD: billing 1   50.00 | QBO 1   50.00
cli rc 1:
period 2026-11-01 to 2026-11-30
kind      billing            sum      QBO            sum
invoice         4         196.94        4         189.77  differs
  in EUR        3         171.99        2         119.99
  in JPY        1           1200        1           1200
  in USD        0           0.00        1          50.00
  invoice ei2 / QBO %d: Amount differs: 21.99 EUR in the billing system, 19.99 EUR in QuickBooks
  invoice ui1 / QBO %d: Currency differs: EUR in the billing system, USD in QuickBooks
