--TEST--
qbo_resend and qbo_dismiss: an invoice in Error is set aside as Dismissed (out of the counts of Error and the queue, its reason kept), put back, fixed in QBO and resent as a new version: Synced once in the ledger; a record never pushed and an unknown kind are refused
--FILE--
<?php
require __DIR__ . '/engine.inc';
[$conn, $realm] = qbo_test_connect(['delivery' => 'inline']);
qbo_push($conn, 'customer', eng_customer('40', 'Kim', 'Ola', 'kim@example.com'));
// invoice number D-1 already belongs to another customer's invoice in QBO
$other = qbo_test_api($realm, 'POST', 'customer', ['DisplayName' => 'Someone Else'])['json']['Customer']['Id'];
$item = qbo_test_query($realm, 'select * from Item')[0]['Id'];
$made = qbo_test_api($realm, 'POST', 'invoice', ['CustomerRef' => ['value' => $other], 'DocNumber' => 'D-1',
    'Line' => [['DetailType' => 'SalesItemLineDetail', 'Amount' => 5, 'SalesItemLineDetail' => ['ItemRef' => ['value' => $item]]]]])['json']['Invoice'];
try {
    qbo_push($conn, 'invoice', eng_invoice('41', '40', '9.00', 'D-1'));
} catch (QboSync\ApiException $e) {
    echo "push: code {$e->qboCode}\n";
}
$d = qbo_dismiss($conn, 'invoice', '41');
echo "dismissed: {$d['state']}, queued ", var_export($d['queued'], true), "\n";
echo "reason kept: ", var_export(str_starts_with($d['reason'], 'Dismissed; it was Error: Invoice 41: QuickBooks refused Invoice: Duplicate Document Number Error (6140)'), true), "\n";
$s = qbo_status($conn);
echo "counts: Error {$s['counts']['Error']}, Dismissed {$s['counts']['Dismissed']}, queued {$s['queued']}\n";
$again = qbo_dismiss($conn, 'invoice', '41');
echo "dismissed twice keeps the first reason: ", var_export($again['reason'] === $d['reason'], true), "\n";
$before = count(eng_requests($realm, '/v3/company/%/invoice', 'POST'));
$r = qbo_sync($conn);
echo "sync sends nothing for it: delivered {$r['delivered']}, invoice posts ", count(eng_requests($realm, '/v3/company/%/invoice', 'POST')) - $before, "\n";

// the other invoice is renumbered in QBO by hand: undismissing resends, and it goes through
qbo_test_api($realm, 'POST', 'invoice', ['Id' => $made['Id'], 'SyncToken' => $made['SyncToken'], 'sparse' => true, 'DocNumber' => 'D-1-old']);
$u = qbo_dismiss($conn, 'invoice', '41', false);
echo "undismissed: {$u['state']}, version {$u['version']}, reason ", var_export($u['reason'], true), "\n";
echo "QBO invoices D-1: ", eng_qbo_count($realm, 'Invoice', 'DocNumber', 'D-1'), "\n";
$u2 = qbo_dismiss($conn, 'invoice', '41', false);
echo "undismissing a record that is not dismissed changes nothing: {$u2['state']}, version {$u2['version']}\n";

// resend of a Synced record: a new version, the same QBO invoice updated, not a second one
$rs = qbo_resend($conn, 'invoice', '41');
echo "resent: {$rs['state']}, version {$rs['version']}, same QBO id ", var_export($rs['qbo_id'] === $u['qbo_id'], true), "\n";
echo "QBO invoices D-1 after resend: ", eng_qbo_count($realm, 'Invoice', 'DocNumber', 'D-1'), "\n";

foreach ([['invoice', 'nope'], ['planet', '1']] as [$k, $id]) {
    try {
        qbo_resend($conn, $k, $id);
        echo "no exception\n";
    } catch (QboSync\ValidationException $e) {
        echo get_class($e), ": ", $e->getMessage(), "\n";
    }
}
try {
    qbo_dismiss($conn, 'payment', 'p9');
} catch (QboSync\ValidationException $e) {
    echo get_class($e), ": ", $e->getMessage(), "\n";
}
?>
--EXPECT--
push: code 6140
dismissed: Dismissed, queued false
reason kept: true
counts: Error 0, Dismissed 1, queued 0
dismissed twice keeps the first reason: true
sync sends nothing for it: delivered 0, invoice posts 0
undismissed: Synced, version 2, reason NULL
QBO invoices D-1: 1
undismissing a record that is not dismissed changes nothing: Synced, version 2
resent: Synced, version 3, same QBO id true
QBO invoices D-1 after resend: 1
QboSync\ValidationException: Invoice nope was never pushed: push it with qbo_push()
QboSync\ValidationException: Unknown kind 'planet': use customer, item, invoice, payment, refund, credit or writeoff
QboSync\ValidationException: Payment p9 was never pushed: there is nothing to dismiss
