--TEST--
Inline delivery of a record whose references are queued delivers them first, bottom-up, each once, then the record: a credit note pushed inline whose customer and invoice were only queued (worker mode) creates the customer (and the fallback item its lines need), then the credit memo, reads it once, creates the invoice it applies to (the customer already in QBO), applies the credit and reads the memo back; a payment whose invoice and customer are queued creates the customer, the invoice (read back), then the payment; every record Synced, QBO holds each once with its links
--FILE--
<?php
require __DIR__ . '/engine.inc';
[$worker, $realm, $opts] = qbo_test_connect(['delivery' => 'worker']);
qbo_push($worker, 'customer', eng_customer('c1', 'Dee', 'Pend', 'dee-pend@example.com'));
qbo_push($worker, 'invoice', eng_invoice('i1', 'c1', '100.00', 'DP-1'));
qbo_push($worker, 'customer', eng_customer('c2', 'Eve', 'Pend', 'eve-pend@example.com'));
qbo_push($worker, 'invoice', eng_invoice('i2', 'c2', '40.00', 'DP-2'));
$inline = qbo_connect(['delivery' => 'inline'] + $opts);
$shape = function (array $log): string {
    return implode(', ', array_map(fn($q) => $q['method'] . ' ' . preg_replace('#^.*/company/[^/]+/#', '', explode('?', $q['path'])[0]),
        array_values(array_filter($log, fn($q) => !str_contains($q['path'], '/query') && !str_contains($q['path'], '/companyinfo')
            && !str_contains($q['path'], '/preferences')))));
};
$before = count(eng_requests($realm, '/v3/company/*'));
$s = qbo_push($inline, 'credit', ['id' => 'cr1', 'customer' => 'c1', 'date' => '2026-11-22', 'amount' => '30.00',
    'reason' => 'Goodwill', 'applies_to' => [['invoice' => 'i1', 'amount' => '25.00']]]);
echo "credit: {$s['state']}", $s['reason'] ? " ({$s['reason']})" : '', "\n";
echo "  requests: ", $shape(array_slice(eng_requests($realm, '/v3/company/*'), $before)), "\n";
$before = count(eng_requests($realm, '/v3/company/*'));
$p = qbo_push($inline, 'payment', eng_payment('p2', 'c2', '40.00', 'i2'));
echo "payment: {$p['state']}", $p['reason'] ? " ({$p['reason']})" : '', "\n";
echo "  requests: ", $shape(array_slice(eng_requests($realm, '/v3/company/*'), $before)), "\n";
$rows = qbo_test_store_rows($opts['store'], "SELECT kind, local_id, state FROM entity ORDER BY kind, local_id");
echo "store: ", implode(', ', array_map(fn($x) => "$x[kind] $x[local_id] $x[state]", $rows)), "\n";
$inv = array_values(array_filter(eng_qbo_all($realm, 'Invoice'), fn($x) => ($x['DocNumber'] ?? '') === 'DP-1'));
$inv2 = array_values(array_filter(eng_qbo_all($realm, 'Invoice'), fn($x) => ($x['DocNumber'] ?? '') === 'DP-2'));
echo "QBO: customers ", count(array_filter(eng_qbo_all($realm, 'Customer'),
    fn($x) => str_ends_with($x['PrimaryEmailAddr']['Address'] ?? '', '-pend@example.com'))), ", invoices DP-1 ", count($inv), " (balance {$inv[0]['Balance']}), DP-2 ",
    count($inv2), " (balance {$inv2[0]['Balance']}), credit memos ", count(eng_qbo_all($realm, 'CreditMemo')), "\n";
?>
--EXPECTF--
credit: Synced
  requests: POST customer, POST item, POST creditmemo, GET creditmemo/%d, POST invoice, POST payment, GET creditmemo/%d
payment: Synced
  requests: POST customer, POST invoice, GET invoice/%d, POST payment
store: credit cr1 Synced, customer c1 Synced, customer c2 Synced, invoice i1 Synced, invoice i2 Synced, payment p2 Synced
QBO: customers 2, invoices DP-1 1 (balance 75), DP-2 1 (balance 0), credit memos 1
