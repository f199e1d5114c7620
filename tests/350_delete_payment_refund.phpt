--TEST--
A payment deleted in the billing system (qbo_delete) is deleted in QBO with its fee deposit, the invoice's balance back; the same payment pushed again is a fresh create (new requestid, new QBO Id, a new fee deposit), never the deleted one replayed; a refund is deleted the same way; one never sent is Deleted without a request; invoices, customers and items are refused
--FILE--
<?php
require __DIR__ . '/engine.inc';
[$conn, $realm] = qbo_test_connect();
$acct = qbo_test_api($realm, 'POST', 'account', ['Name' => 'Merchant Fees', 'AccountType' => 'Expense'])['json']['Account'];
qbo_map($conn, 'account', '*', $acct['Id'], ['purpose' => 'fee']);
qbo_push($conn, 'customer', eng_customer('c1', 'Del', 'Ete', 'del@example.com'));
$inv = qbo_push($conn, 'invoice', eng_invoice('i1', 'c1', '100.00', 'D-1'));
$doc = ['fee' => '2.00'] + eng_payment('p1', 'c1', '100.00', 'i1');
$p = qbo_push($conn, 'payment', $doc);
$first = $p['qbo_id'];
echo "pushed: {$p['state']}, invoice balance ", qbo_test_api($realm, 'GET', "invoice/{$inv['qbo_id']}")['json']['Invoice']['Balance'], "\n";

$d = qbo_delete($conn, 'payment', 'p1');
echo "deleted: {$d['state']}, qbo_id ", var_export($d['qbo_id'], true), "\n{$d['reason']}\n";
$status = fn($e, $id) => array_values(array_filter(eng_qbo_all($realm, $e), fn($r) => $r['Id'] === $id))[0]['__status'];
echo "QBO Payment $first: ", $status('Payment', $first), "; deposits: ", implode(', ', array_map(fn($r) => $r['__status'], eng_qbo_all($realm, 'Deposit'))),
    "; invoice balance ", qbo_test_api($realm, 'GET', "invoice/{$inv['qbo_id']}")['json']['Invoice']['Balance'], "\n";
$again = qbo_delete($conn, 'payment', 'p1');
echo "deleted twice: {$again['state']}, version {$again['version']} (was {$d['version']})\n";
$rs = qbo_resend($conn, 'payment', 'p1');
echo "resent while deleted: {$rs['state']}, still: ", var_export($rs['reason'] === $d['reason'], true), ", QBO payments marked p1 alive: ",
    count(array_filter(eng_qbo_all($realm, 'Payment'), fn($r) => $r['__status'] === 'active' && str_starts_with($r['PrivateNote'] ?? '', 'qbosync:payment:p1'))), "\n";

$p2 = qbo_push($conn, 'payment', $doc);
echo "pushed again: {$p2['state']}, new QBO Id: ", var_export($p2['qbo_id'] !== null && $p2['qbo_id'] !== $first, true), "\n";
$creates = array_values(array_filter(eng_requests($realm, "/v3/company/$realm/payment", 'POST'), fn($r) => !isset($r['query']['operation'])));
echo "payment creates: ", count($creates), ", requestids differ: ", var_export(count($creates) === 2 && $creates[0]['requestid'] !== $creates[1]['requestid'], true), "\n";
echo "live payments marked p1: ", count(array_filter(eng_qbo_all($realm, 'Payment'), fn($r) => $r['__status'] === 'active' && str_starts_with($r['PrivateNote'] ?? '', 'qbosync:payment:p1'))), "\n";
$live = array_values(array_filter(eng_qbo_all($realm, 'Deposit'), fn($r) => $r['__status'] === 'active'));
echo "live deposits: ", count($live), ", linking the new payment: ", var_export(($live[0]['Line'][0]['LinkedTxn'][0]['TxnId'] ?? '') === $p2['qbo_id'], true), ", total {$live[0]['TotalAmt']}\n";
echo "invoice balance ", qbo_test_api($realm, 'GET', "invoice/{$inv['qbo_id']}")['json']['Invoice']['Balance'], "\n";

$r = qbo_push($conn, 'refund', ['id' => 'r1', 'customer' => 'c1', 'date' => '2026-11-22', 'amount' => '20.00', 'refunds' => 'p1', 'invoice' => 'i1']);
echo "refund: {$r['state']}\n";
$rd = qbo_delete($conn, 'refund', 'r1');
echo "refund deleted: {$rd['state']}, QBO RefundReceipt {$r['qbo_id']}: ", $status('RefundReceipt', $r['qbo_id']), "\n";

$q = qbo_push($conn, 'payment', eng_payment('p9', 'c1', '5.00'), QBO_QUEUE_ONLY);
$before = count(eng_requests($realm, "/v3/company/$realm/*"));
$qd = qbo_delete($conn, 'payment', 'p9');
echo "never sent: {$q['state']} -> {$qd['state']} ({$qd['reason']}), requests: ", count(eng_requests($realm, "/v3/company/$realm/*")) - $before, ", queued ", var_export($qd['queued'], true), "\n";

foreach ([['invoice', 'i1'], ['customer', 'c1'], ['payment', 'nope']] as [$k, $id]) {
    try {
        qbo_delete($conn, $k, $id);
    } catch (QboSync\ValidationException $e) {
        echo get_class($e), ': ', $e->getMessage(), "\n";
    }
}
echo "status counts Deleted: ", qbo_status($conn)['counts']['Deleted'], "\n";
?>
--EXPECT--
pushed: Synced, invoice balance 0
deleted: Deleted, qbo_id NULL
Deleted in QuickBooks (it was QBO Payment 2), as in the billing system
QBO Payment 2: deleted; deposits: deleted; invoice balance 100
deleted twice: Deleted, version 2 (was 2)
resent while deleted: Deleted, still: true, QBO payments marked p1 alive: 0
pushed again: Synced, new QBO Id: true
payment creates: 2, requestids differ: true
live payments marked p1: 1
live deposits: 1, linking the new payment: true, total 98
invoice balance 0
refund: Synced
refund deleted: Deleted, QBO RefundReceipt 6: deleted
never sent: Not Tried -> Deleted (Deleted before it reached QuickBooks), requests: 0, queued false
QboSync\ValidationException: Invoice i1: an invoice is not deleted; push it with status 'cancelled' (it is voided in QuickBooks, which keeps its number)
QboSync\ValidationException: Customer c1: QuickBooks keeps customers and items (they cannot be deleted, only made inactive there); nothing was recorded
QboSync\ValidationException: Payment nope was never pushed: there is nothing to delete
status counts Deleted: 2
