--TEST--
WHMCS: a payment deleted from an invoice in WHMCS (no hook of its own; the invoice turns Unpaid) is deleted in QBO when InvoiceUnpaid finds it gone from the invoice's transactions; the payments WHMCS still lists stay as they are; a payment applied to several invoices is never judged from one of them, nor one WHMCS still lists among the client's transactions
--FILE--
<?php
require __DIR__ . '/hook.inc';
$txns = [
    '1' => ['id' => '1', 'userid' => '5', 'currency' => '0', 'gateway' => 'stripe', 'date' => '2026-11-20 10:00:00', 'description' => 'Invoice Payment',
        'amountin' => '30.00', 'fees' => '0.00', 'amountout' => '0.00', 'rate' => '1.00000', 'transid' => 'ch_1', 'invoiceid' => '10', 'refundid' => '0'],
    '2' => ['id' => '2', 'userid' => '5', 'currency' => '0', 'gateway' => 'stripe', 'date' => '2026-11-21 10:00:00', 'description' => 'Invoice Payment',
        'amountin' => '20.00', 'fees' => '0.00', 'amountout' => '0.00', 'rate' => '1.00000', 'transid' => 'ch_2', 'invoiceid' => '10', 'refundid' => '0'],
];
$status = 'Paid';
$wrap = fn(array $rows) => ['result' => 'success', 'totalresults' => count($rows), 'transactions' => ['transaction' => array_values($rows)]];
$fetch = new HookFetch([
    'GetClientsDetails' => fn($p) => hook_client(5),
    'GetInvoice' => function ($p) use (&$status) {
        return ['result' => 'success', 'invoiceid' => $p['invoiceid'], 'userid' => '5', 'invoicenum' => "INV-{$p['invoiceid']}",
            'date' => '2026-11-20', 'duedate' => '2026-12-04', 'status' => $status, 'subtotal' => '50.00',
            'credit' => '0.00', 'tax' => '0.00', 'tax2' => '0.00', 'taxrate' => '0', 'taxrate2' => '0',
            'items' => ['item' => [['id' => '1', 'type' => 'Hosting', 'relid' => '1', 'description' => 'Hosting', 'amount' => '50.00', 'taxed' => '0']]],
            'transactions' => ''];
    },
    'GetTransactions' => function ($p) use (&$txns, $wrap) {
        return $wrap(array_filter($txns, fn($t) => (!isset($p['invoiceid']) || $t['invoiceid'] === $p['invoiceid'])
            && (!isset($p['clientid']) || $t['userid'] === $p['clientid'])));
    },
    'GetCredits' => fn($p) => ['result' => 'success', 'totalresults' => 0, 'clientid' => '5', 'credits' => ''],
]);
[$conn, $realm] = qbo_test_connect(['fetch' => $fetch, 'delivery' => 'inline']);
$s = qbo_hook($conn, 'InvoicePaid', ['invoiceid' => 10]);
$ids = [];
foreach (qbo_entities($conn, ['kind' => 'payment']) as $e) {
    echo "payment {$e['id']}: {$e['state']}\n";
    $ids[$e['id']] = $e['qbo_id'];
}
$inv = qbo_entities($conn, ['kind' => 'invoice'])[0];
echo "QBO invoice balance: ", qbo_test_api($realm, 'GET', "invoice/{$inv['qbo_id']}")['json']['Invoice']['Balance'], "\n";
// the admin deletes transaction 2 in WHMCS: the invoice is Unpaid again
unset($txns['2']);
$status = 'Unpaid';
$s = qbo_hook($conn, 'InvoiceUnpaid', ['invoiceid' => 10]);
echo "InvoiceUnpaid: invoice {$s['state']}\n";
foreach (qbo_entities($conn, ['kind' => 'payment']) as $e) {
    echo "payment {$e['id']}: {$e['state']}", $e['reason'] ? " - {$e['reason']}" : '', "\n";
}
$row = fn($id) => array_values(array_filter(eng_qbo_all($realm, 'Payment'), fn($r) => $r['Id'] === $id))[0]['__status'];
echo "QBO payments: 1 {$row($ids['1'])}, 2 {$row($ids['2'])}; invoice balance ", qbo_test_api($realm, 'GET', "invoice/{$inv['qbo_id']}")['json']['Invoice']['Balance'], "\n";
// a payment pushed for two invoices is left alone by either invoice's InvoiceUnpaid
qbo_push($conn, 'invoice', eng_invoice('20', '5', '10.00', 'MP-20'));
qbo_push($conn, 'payment', ['id' => 'mp1', 'customer' => '5', 'date' => '2026-11-22', 'amount' => '15.00', 'method' => 'stripe',
    'applies_to' => [['invoice' => '10', 'amount' => '5.00'], ['invoice' => '20', 'amount' => '10.00']]]);
// and one WHMCS records against another invoice (its Mass Pay invoice 30) is still among the client's transactions
qbo_push($conn, 'payment', ['id' => '7', 'customer' => '5', 'date' => '2026-11-22', 'amount' => '5.00', 'method' => 'stripe',
    'applies_to' => [['invoice' => '10', 'amount' => '5.00']]]);
$txns['7'] = ['invoiceid' => '30', 'id' => '7', 'amountin' => '5.00', 'transid' => 'ch_7'] + $txns['1'];
qbo_hook($conn, 'InvoiceUnpaid', ['invoiceid' => 10]);
echo "mass pay payment: ", qbo_entities($conn, ['kind' => 'payment', 'id' => 'mp1'])[0]['state'],
    "; payment 7 listed under invoice 30: ", qbo_entities($conn, ['kind' => 'payment', 'id' => '7'])[0]['state'], "\n";
?>
--EXPECT--
payment 1: Synced
payment 2: Synced
QBO invoice balance: 0
InvoiceUnpaid: invoice Synced
payment 1: Synced
payment 2: Deleted - Deleted in QuickBooks (it was QBO Payment 3), as in the billing system
QBO payments: 1 active, 2 deleted; invoice balance 20
mass pay payment: Synced; payment 7 listed under invoice 30: Synced
