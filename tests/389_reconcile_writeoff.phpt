--TEST--
qbo_reconcile and write-offs: a write-off's CreditMemo counts as a write-off, not a credit note, and the Payments of 0 that apply credit notes and write-offs are not payments: an invoice paid in part, credited and written off reconciles kind by kind with nothing differing; a source is asked for write-offs only when they are named
--FILE--
<?php
require __DIR__ . '/engine.inc';
[$conn, $realm] = qbo_test_connect();
$docs = [
    'customer' => [eng_customer('c1', 'Rec', 'Off', 'recoff@example.com')],
    'invoice' => [eng_invoice('i1', 'c1', '100.00', 'RW-1')],
    'payment' => [eng_payment('p1', 'c1', '30.00', 'i1')],
    'credit' => [['id' => 'cr1', 'customer' => 'c1', 'date' => '2026-11-22', 'amount' => '10.00', 'applies_to' => [['invoice' => 'i1', 'amount' => '10.00']]]],
    'writeoff' => [['id' => 'w1', 'customer' => 'c1', 'invoice' => 'i1', 'date' => '2026-11-28', 'amount' => '60.00']],
];
foreach ($docs as $kind => $list) {
    foreach ($list as $d) {
        $s = qbo_push($conn, $kind, $d);
        echo "$kind {$s['id']}: {$s['state']}\n";
    }
}
$i = qbo_entities($conn, ['kind' => 'invoice', 'id' => 'i1'])[0];
echo "QBO invoice balance ", qbo_test_api($realm, 'GET', "invoice/{$i['qbo_id']}")['json']['Invoice']['Balance'], "; QBO Payments ",
    count(eng_qbo_all($realm, 'Payment')), ", CreditMemos ", count(eng_qbo_all($realm, 'CreditMemo')), "\n";
$source = function (string $kind, int $offset, int $limit) use (&$docs) {
    return array_slice($docs[$kind] ?? [], $offset, $limit);
};
$show = function (array $r) {
    foreach ($r['kinds'] as $kind => $k) {
        printf("%-8s billing %d %7s | QBO %d %7s%s\n", $kind, $k['billing']['count'], $k['billing']['sum'], $k['qbo']['count'], $k['qbo']['sum'],
            $k['differ'] ? '' : ', nothing differs');
        foreach ($k['differ'] as $d) {
            echo "  differs: ", $d['id'] ?? '-', " / QBO ", $d['qbo_id'] ?? '-', ": ", $d['reason'], "\n";
        }
    }
};
$show(qbo_reconcile($conn, ['from' => '2026-11-01', 'to' => '2026-11-30', 'source' => $source, 'kinds' => ['invoice', 'payment', 'credit', 'writeoff']]));
echo "default kinds with a source: ", implode(', ', array_keys(qbo_reconcile($conn, ['from' => '2026-11-01', 'to' => '2026-11-30', 'source' => $source])['kinds'])), "\n";
?>
--EXPECT--
customer c1: Synced
invoice i1: Synced
payment p1: Synced
credit cr1: Synced
writeoff w1: Synced
QBO invoice balance 0; QBO Payments 3, CreditMemos 2
invoice  billing 1  100.00 | QBO 1  100.00, nothing differs
payment  billing 1   30.00 | QBO 1   30.00, nothing differs
credit   billing 1   10.00 | QBO 1   10.00, nothing differs
writeoff billing 1   60.00 | QBO 1   60.00, nothing differs
default kinds with a source: invoice, payment, refund, credit