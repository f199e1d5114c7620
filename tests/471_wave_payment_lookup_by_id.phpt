--TEST--
A wave of payments looks its invoices up in one query and finds each invoice's row by its QBO Id: a payment whose invoice QuickBooks shows paid in full, and one whose invoice was paid in part by hand, leave the batch for the one-record path (which decides as for a single payment); a payment of two invoices, one of them open, stays in the batch; every other payment is created by the batch, each exactly once
--FILE--
<?php
require __DIR__ . '/engine.inc';
[$conn, $realm, $opts] = qbo_test_connect(['delivery' => 'worker']);
qbo_push($conn, 'customer', eng_customer('1', 'Lookup', 'Payer', 'payer@example.com'));
foreach (['21' => '10.00', '22' => '20.00', '23' => '30.00', '24' => '40.00', '25' => '50.00', '26' => '60.00', '27' => '70.00'] as $id => $amt) {
    qbo_push($conn, 'invoice', eng_invoice($id, '1', $amt));
}
$r = qbo_sync($conn, ['batch_size' => 10]);
echo "customer and invoices: delivered {$r['delivered']}, errors {$r['errors']}\n";
$q = [];
foreach (qbo_entities($conn) as $e) {
    $q["{$e['kind']} {$e['id']}"] = $e['qbo_id'];
}
$cust = $q['customer 1'];
$hand = function (string $inv, float $amt) use ($realm, $cust, $q) {
    qbo_test_api($realm, 'POST', 'payment', ['CustomerRef' => ['value' => $cust], 'TotalAmt' => $amt,
        'Line' => [['Amount' => $amt, 'LinkedTxn' => [['TxnId' => $q["invoice $inv"], 'TxnType' => 'Invoice']]]]]);
};
$hand('22', 20.00);   // paid in full by hand
$hand('24', 15.00);   // paid in part by hand
$bal = fn($inv) => qbo_test_api($realm, 'GET', 'invoice/' . $q["invoice $inv"])['json']['Invoice']['Balance'];
echo "balances by hand: 22 ", $bal('22'), ", 24 ", $bal('24'), "\n";
foreach (['31' => ['21', '10.00'], '32' => ['22', '20.00'], '33' => ['23', '30.00'], '34' => ['24', '40.00'], '35' => ['25', '50.00']] as $id => [$inv, $amt]) {
    qbo_push($conn, 'payment', eng_payment($id, '1', $amt, $inv));
}
$two = eng_payment('36', '1', '130.00');
$two['applies_to'] = [['invoice' => '27', 'amount' => '70.00'], ['invoice' => '26', 'amount' => '60.00']];
qbo_push($conn, 'payment', $two);
$n = count(eng_requests($realm, '/v3/company/*'));
$r = qbo_sync($conn, ['batch_size' => 10]);
echo "payments: delivered {$r['delivered']}\n";
foreach (array_slice(eng_requests($realm, '/v3/company/*'), $n) as $req) {
    $text = is_array($req['query'] ?? null) ? ($req['query']['query'] ?? '') : '';
    if (preg_match('/from (\w+) where ([\w.]+) (in|=)/', $text, $m)) {
        echo "  {$req['method']} query: $m[1].$m[2] $m[3]\n";
    } elseif (!str_contains($req['path'], 'companyinfo')) {
        echo "  {$req['method']} ", preg_replace('#^/v3/company/\d+/|/\d+$#', '', $req['path']), "\n";
    }
}
$st = [];
foreach (qbo_entities($conn, ['kind' => 'payment']) as $e) {
    $st[$e['id']] = $e;
}
ksort($st);
foreach ($st as $id => $e) {
    echo "payment $id: {$e['state']}", $e['state'] === 'Synced' ? '' : " ({$e['reason']})", "\n";
}
foreach (['21', '23', '25', '26', '27'] as $inv) {
    echo "invoice $inv balance ", $bal($inv), "\n";
}
foreach (['31', '33', '35', '36'] as $id) {
    echo "QBO payments of payment $id: ", eng_qbo_payments_marked($realm, $id), "\n";
}
?>
--EXPECT--
customer and invoices: delivered 8, errors 0
balances by hand: 22 0, 24 25
payments: delivered 4
  GET query: Invoice.Id in
  POST batch
  GET invoice
  GET invoice
  GET payment
  GET invoice
  GET invoice
  GET payment
payment 31: Synced
payment 32: Skipped (QuickBooks already shows invoice 22 paid (balance 0, QBO Invoice 2); this payment was not recorded a second time)
payment 33: Synced
payment 34: Mismatch (Payment 34: QuickBooks shows invoice 24 with an open balance of 25.00, the payment applies 40.00 — it was partly paid in QuickBooks (by hand or by another tool), so this payment was not recorded: remove the payment made in QuickBooks, or record it in the billing system, then send this payment again with qbo_resend())
payment 35: Synced
payment 36: Synced
invoice 21 balance 0
invoice 23 balance 0
invoice 25 balance 0
invoice 26 balance 0
invoice 27 balance 0
QBO payments of payment 31: 1
QBO payments of payment 33: 1
QBO payments of payment 35: 1
QBO payments of payment 36: 1