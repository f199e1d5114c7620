--TEST--
Connect customer with a start date: qbo_map('customer', …, ['start_date' => …]) keeps that customer's invoices, payments, refunds and credits dated before it out of QBO (Skipped with the reason), those on or after it go (Synced, in the ledger); with sync_start the later date wins; another customer is not affected; the date is in the store's mapping row and in qbo_mappings()
--FILE--
<?php
require __DIR__ . '/engine.inc';
[$conn, $realm, $opts] = qbo_test_connect(['sync_start' => '2026-01-15']);
$acme = qbo_test_api($realm, 'POST', 'customer', ['DisplayName' => 'Acme Hosting', 'PrimaryEmailAddr' => ['Address' => 'books@acme.example']]);
$qid = (string)$acme['json']['Customer']['Id'];
qbo_push($conn, 'customer', eng_customer('17', 'Acme', 'Client', 'acme@example.com', ['created' => '2026-02-01']));
qbo_push($conn, 'customer', eng_customer('18', 'Other', 'Client', 'other@example.com', ['created' => '2026-02-01']));
qbo_map($conn, 'payment_method', 'paypal', 'create', ['name' => 'PayPal 760']);
$m = qbo_map($conn, 'customer', '17', $qid, ['start_date' => '2026-03-01']);
echo "mapped: {$m['local_id']} -> ", $m['qbo_id'] === $qid ? 'Acme' : $m['qbo_id'], ", start_date {$m['start_date']}\n";

$pay = fn($id, $cust, $amount, $inv, $date) => ['date' => $date] + eng_payment($id, $cust, $amount, $inv);
$records = [
    ['invoice', eng_invoice('i1', '17', '10.00', 'SD-1', ['date' => '2026-02-15'])],   // before the customer's date
    ['invoice', eng_invoice('i2', '17', '20.00', 'SD-2', ['date' => '2026-03-01'])],   // on it
    ['invoice', eng_invoice('i3', '17', '30.00', 'SD-3', ['date' => '2026-01-10'])],   // before both dates
    ['invoice', eng_invoice('i4', '18', '40.00', 'SD-4', ['date' => '2026-02-15'])],   // another customer
    ['payment', $pay('p1', '17', '10.00', 'i1', '2026-02-20')],
    ['payment', $pay('p2', '17', '20.00', 'i2', '2026-03-05')],
    ['credit', ['id' => 'c1', 'customer' => '17', 'date' => '2026-02-10', 'amount' => '5.00']],
    ['refund', ['id' => 'r1', 'customer' => '17', 'date' => '2026-02-25', 'amount' => '2.00', 'refunds' => 'p1']],
];
foreach ($records as [$kind, $doc]) {
    $s = qbo_push($conn, $kind, $doc);
    echo "$kind {$s['id']}: {$s['state']}", $s['reason'] ? " - {$s['reason']}" : '', "\n";
}
// a customer whose start date is earlier than the company's: the company's date says why
$c19 = qbo_push($conn, 'customer', eng_customer('19', 'Early', 'Client', 'early@example.com', ['created' => '2026-02-01']));
qbo_map($conn, 'customer', '19', $c19['qbo_id'], ['start_date' => '2026-01-01']);
$s = qbo_push($conn, 'invoice', eng_invoice('i5', '19', '50.00', 'SD-5', ['date' => '2026-01-10']));
echo "invoice i5: {$s['state']} - {$s['reason']}\n";
$s = qbo_push($conn, 'invoice', eng_invoice('i6', '19', '60.00', 'SD-6', ['date' => '2026-01-20']));
echo "invoice i6: {$s['state']}\n";
$nums = array_map(fn($i) => $i['DocNumber'] ?? '?', eng_qbo_all($realm, 'Invoice'));
sort($nums);
echo "QBO invoices: ", implode(', ', $nums), "\n";
echo "QBO payments: p1 ", eng_qbo_payments_marked($realm, 'p1'), ", p2 ", eng_qbo_payments_marked($realm, 'p2'),
    "; credit memos ", count(eng_qbo_all($realm, 'CreditMemo')), ", refund receipts ", count(eng_qbo_all($realm, 'RefundReceipt')), "\n";
$row = qbo_test_store_rows($opts['store'], "SELECT qbo_id, start_date FROM mapping WHERE kind = 'customer' AND local_id = '17'")[0];
echo "store mapping row: start_date {$row['start_date']}, qbo_id ", $row['qbo_id'] === $qid ? 'Acme' : $row['qbo_id'], "\n";
$list = array_column(qbo_mappings($conn, 'customer'), 'start_date', 'local_id');
echo "qbo_mappings: ", json_encode($list), "\n";

// a bad date, or a start date on another kind, is refused and changes nothing
foreach ([['customer', '17', $qid, '2026-02-30'], ['customer', '17', $qid, '1 March 2026'], ['customer', '17', $qid, 20260301],
        ['item', 'vps', 'auto', '2026-03-01']] as [$k, $l, $q, $d]) {
    try {
        qbo_map($conn, $k, $l, $q, ['start_date' => $d]);
        echo "accepted\n";
    } catch (QboSync\ValidationException $e) {
        echo get_class($e), ": ", $e->getMessage(), "\n";
    }
}
echo "after the refusals: ", qbo_test_store_rows($opts['store'], "SELECT start_date FROM mapping WHERE kind = 'customer' AND local_id = '17'")[0]['start_date'], "\n";
// re-linked without a start_date: the date is kept
$m = qbo_map($conn, 'customer', '17', $qid);
echo "re-linked, start_date kept: {$m['start_date']}\n";
?>
--EXPECTF--
mapped: 17 -> Acme, start_date 2026-03-01
invoice i1: Skipped - Dated 2026-02-15, before the start date 2026-03-01 set when connecting customer 17 to QuickBooks customer 'Acme Hosting' (#%d) — not sent to QuickBooks; move or clear the start date (Connect Customer, or qbo_map('customer', '17', '%d', ['start_date' => …])) to send it
invoice i2: Synced
invoice i3: Skipped - Dated 2026-01-10, before the start date 2026-03-01 set when connecting customer 17 to QuickBooks customer 'Acme Hosting' (#%d) — not sent to QuickBooks; move or clear the start date (Connect Customer, or qbo_map('customer', '17', '%d', ['start_date' => …])) to send it
invoice i4: Synced
payment p1: Skipped - Dated 2026-02-20, before the start date 2026-03-01 set when connecting customer 17 to QuickBooks customer 'Acme Hosting' (#%d) — not sent to QuickBooks; move or clear the start date (Connect Customer, or qbo_map('customer', '17', '%d', ['start_date' => …])) to send it
payment p2: Synced
credit c1: Skipped - Dated 2026-02-10, before the start date 2026-03-01 set when connecting customer 17 to QuickBooks customer 'Acme Hosting' (#%d) — not sent to QuickBooks; move or clear the start date (Connect Customer, or qbo_map('customer', '17', '%d', ['start_date' => …])) to send it
refund r1: Skipped - Dated 2026-02-25, before the start date 2026-03-01 set when connecting customer 17 to QuickBooks customer 'Acme Hosting' (#%d) — not sent to QuickBooks; move or clear the start date (Connect Customer, or qbo_map('customer', '17', '%d', ['start_date' => …])) to send it
invoice i5: Skipped - Created 2026-01-10, before the sync start date 2026-01-15: not sent to QuickBooks (option sync_start)
invoice i6: Synced
QBO invoices: SD-2, SD-4, SD-6
QBO payments: p1 0, p2 1; credit memos 0, refund receipts 0
store mapping row: start_date 2026-03-01, qbo_id Acme
qbo_mappings: {"17":"2026-03-01","19":"2026-01-01"}
QboSync\ValidationException: qbo_map('customer', '17'): start_date must be a date YYYY-MM-DD, or null to clear it; "2026-02-30" given
QboSync\ValidationException: qbo_map('customer', '17'): start_date must be a date YYYY-MM-DD, or null to clear it; "1 March 2026" given
QboSync\ValidationException: qbo_map('customer', '17'): start_date must be a date YYYY-MM-DD, or null to clear it
QboSync\ValidationException: Only a customer mapping takes a start_date (item vps was given one)
after the refusals: 2026-03-01
re-linked, start_date kept: 2026-03-01
