--TEST--
qbo_hook AddTransaction: the invoice id under invoiceid, invocieid or neither (the transaction's own row, found through the client), a refund with refundid, a payment to an Add Funds invoice left unapplied as account credit
--FILE--
<?php
require __DIR__ . '/hook.inc';
$txns = [
    ['id' => '1', 'userid' => '5', 'currency' => '0', 'gateway' => 'stripe', 'date' => '2026-11-20 10:00:00', 'description' => 'Invoice Payment',
        'amountin' => '30.00', 'fees' => '1.17', 'amountout' => '0.00', 'rate' => '1.00000', 'transid' => 'ch_1', 'invoiceid' => '10', 'refundid' => '0'],
    ['id' => '2', 'userid' => '5', 'currency' => '0', 'gateway' => 'stripe', 'date' => '2026-11-21 10:00:00', 'description' => 'Invoice Payment',
        'amountin' => '20.00', 'fees' => '0.88', 'amountout' => '0.00', 'rate' => '1.00000', 'transid' => 'ch_2', 'invoiceid' => '10', 'refundid' => '0'],
    ['id' => '3', 'userid' => '5', 'currency' => '0', 'gateway' => 'stripe', 'date' => '2026-11-22 10:00:00', 'description' => 'Refund',
        'amountin' => '0.00', 'fees' => '0.00', 'amountout' => '5.00', 'rate' => '1.00000', 'transid' => 're_1', 'invoiceid' => '10', 'refundid' => '1'],
    ['id' => '4', 'userid' => '5', 'currency' => '0', 'gateway' => 'paypal', 'date' => '2026-11-22 11:00:00', 'description' => 'Invoice Payment',
        'amountin' => '40.00', 'fees' => '0.00', 'amountout' => '0.00', 'rate' => '1.00000', 'transid' => 'pp_1', 'invoiceid' => '11', 'refundid' => '0'],
];
$wrap = fn(array $rows) => ['result' => 'success', 'totalresults' => count($rows), 'transactions' => ['transaction' => array_values($rows)]];
$fetch = new HookFetch([
    'GetClientsDetails' => fn($p) => hook_client(5),
    'GetInvoice' => fn($p) => ['result' => 'success', 'invoiceid' => $p['invoiceid'], 'userid' => '5', 'invoicenum' => "INV-{$p['invoiceid']}",
        'date' => '2026-11-20', 'duedate' => '2026-12-04', 'status' => 'Unpaid', 'subtotal' => $p['invoiceid'] === '10' ? '50.00' : '40.00',
        'credit' => '0.00', 'tax' => '0.00', 'tax2' => '0.00', 'taxrate' => '0', 'taxrate2' => '0',
        'items' => ['item' => [$p['invoiceid'] === '10'
            ? ['id' => '1', 'type' => 'Hosting', 'relid' => '1', 'description' => 'Hosting', 'amount' => '50.00', 'taxed' => '0']
            : ['id' => '2', 'type' => 'AddFunds', 'relid' => '0', 'description' => 'Add Funds', 'amount' => '40.00', 'taxed' => '0']]],
        'transactions' => ''],
    'GetTransactions' => fn($p) => $wrap(array_filter($txns, fn($t) => (!isset($p['invoiceid']) || $t['invoiceid'] === $p['invoiceid'])
        && (!isset($p['clientid']) || $t['userid'] === $p['clientid']))),
    'GetCredits' => fn($p) => ['result' => 'success', 'totalresults' => 0, 'clientid' => '5', 'credits' => ''],
]);
[$conn, $realm] = qbo_test_connect(['fetch' => $fetch, 'delivery' => 'inline']);
// gateway fees to an expense account, as the addon's set-up maps it
$fee = qbo_test_api($realm, 'POST', 'account', ['Name' => 'Merchant Fees', 'AccountType' => 'Expense'])['json']['Account']['Id'];
qbo_map($conn, 'account', '*', $fee, ['purpose' => 'fee']);
foreach ([['id' => 1, 'userid' => 5, 'invoiceid' => 10, 'amountin' => 30.0], ['id' => 2, 'userid' => 5, 'invocieid' => 10, 'amountin' => 20.0],
        ['id' => 3, 'userid' => 5, 'amountout' => 5.0, 'refundid' => 1], ['id' => 4, 'userid' => 5, 'invoiceid' => 11]] as $vars) {
    $fetch->calls = [];
    $s = qbo_hook($conn, 'AddTransaction', $vars + ['date' => new DateTime('2026-11-22'), 'gateway' => 'stripe']);
    echo "txn {$vars['id']}: {$s['kind']} {$s['id']} {$s['state']}; read ", implode(' ', array_filter($fetch->calls, fn($c) => str_starts_with($c, 'GetTransactions'))), "\n";
}
foreach (eng_qbo_all($realm, 'Payment') as $p) {
    echo "QBO payment {$p['PaymentRefNum']}: {$p['TotalAmt']}, unapplied {$p['UnappliedAmt']}\n";
}
foreach (eng_qbo_all($realm, 'RefundReceipt') as $r) {
    echo "QBO refund {$r['PaymentRefNum']}: {$r['TotalAmt']}\n";
}
foreach (eng_qbo_all($realm, 'Deposit') as $d) {
    echo "QBO deposit: total {$d['TotalAmt']}; ", implode(', ', array_map(fn($l) => isset($l['LinkedTxn']) ? "payment {$l['Amount']}"
        : ($l['DepositLineDetail']['AccountRef']['value'] === $fee ? 'fee ' : 'other ') . $l['Amount'], $d['Line'])), "\n";
}
$inv = eng_qbo_all($realm, 'Invoice');
echo "QBO invoices: ", count($inv), ", INV-10 balance {$inv[0]['Balance']}\n";
?>
--EXPECT--
txn 1: payment 1 Synced; read GetTransactions(invoiceid=10)
txn 2: payment 2 Synced; read GetTransactions(invoiceid=10)
txn 3: refund 3 Synced; read GetTransactions(clientid=5)
txn 4: payment 4 Synced; read GetTransactions(invoiceid=11)
QBO payment ch_1: 30, unapplied 0
QBO payment ch_2: 20, unapplied 0
QBO payment pp_1: 40, unapplied 40
QBO refund re_1: 5
QBO deposit: total 28.83; payment 30, fee -1.17
QBO deposit: total 19.12; payment 20, fee -0.88
QBO invoices: 1, INV-10 balance 0
