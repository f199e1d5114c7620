--TEST--
WHMCS: a payment deleted from a partly paid invoice (which stays Unpaid, so no InvoiceUnpaid) is deleted in QBO at the invoice's next event that reads its transactions: UpdateInvoiceTotal (the admin's edit), or a later payment's InvoicePaid, which deletes it before pushing the new payment; the invoice's QBO balance rises by exactly that payment; the payments WHMCS still lists stay
--FILE--
<?php
require __DIR__ . '/hook.inc';
$txn = fn(string $id, string $amount, string $day) => ['id' => $id, 'userid' => '5', 'currency' => '0', 'gateway' => 'stripe',
    'date' => "2026-11-$day 10:00:00", 'description' => 'Invoice Payment', 'amountin' => $amount, 'fees' => '0.00', 'amountout' => '0.00',
    'rate' => '1.00000', 'transid' => "ch_$id", 'invoiceid' => '10', 'refundid' => '0'];
$txns = ['1' => $txn('1', '30.00', '20'), '2' => $txn('2', '20.00', '21')];
$wrap = fn(array $rows) => ['result' => 'success', 'totalresults' => count($rows), 'transactions' => ['transaction' => array_values($rows)]];
$fetch = new HookFetch([
    'GetClientsDetails' => fn($p) => hook_client(5),
    'GetInvoice' => function ($p) use (&$txns) {
        $paid = array_sum(array_map(fn($t) => (float)$t['amountin'], $txns));
        return ['result' => 'success', 'invoiceid' => $p['invoiceid'], 'userid' => '5', 'invoicenum' => "INV-{$p['invoiceid']}",
            'date' => '2026-11-20', 'duedate' => '2026-12-04', 'status' => 'Unpaid', 'subtotal' => '100.00', 'total' => '100.00',
            'balance' => number_format(100 - $paid, 2, '.', ''), 'credit' => '0.00', 'tax' => '0.00', 'tax2' => '0.00',
            'taxrate' => '0', 'taxrate2' => '0',
            'items' => ['item' => [['id' => '1', 'type' => 'Hosting', 'relid' => '0', 'description' => 'Hosting', 'amount' => '100.00', 'taxed' => '0']]],
            'transactions' => ''];
    },
    'GetTransactions' => function ($p) use (&$txns, $wrap) {
        return $wrap(array_filter($txns, fn($t) => (!isset($p['invoiceid']) || $t['invoiceid'] === $p['invoiceid'])
            && (!isset($p['clientid']) || $t['userid'] === $p['clientid'])));
    },
    'GetCredits' => fn($p) => ['result' => 'success', 'totalresults' => 0, 'clientid' => '5', 'credits' => ''],
]);
[$conn, $realm] = qbo_test_connect(['fetch' => $fetch, 'delivery' => 'inline']);
$ledger = function () use ($conn, $realm) {
    $inv = qbo_entities($conn, ['kind' => 'invoice', 'id' => '10'])[0];
    $q = qbo_test_api($realm, 'GET', "invoice/{$inv['qbo_id']}")['json']['Invoice'];
    $live = [];
    foreach (eng_qbo_all($realm, 'Payment') as $p) {
        if ($p['__status'] === 'active') {
            foreach ($p['Line'] as $l) {
                if ($l['LinkedTxn'][0]['TxnId'] === $inv['qbo_id']) {
                    $live[] = $l['Amount'];
                }
            }
        }
    }
    sort($live);
    echo "  QBO invoice: total {$q['TotalAmt']}, balance {$q['Balance']}; active payments on it: ", implode(' + ', $live) ?: 'none', "\n";
    foreach (qbo_entities($conn, ['kind' => 'payment']) as $e) {
        echo "  payment {$e['id']}: {$e['state']}", $e['state'] === 'Deleted' ? " - {$e['reason']}" : '', "\n";
    }
};
$s = qbo_hook($conn, 'AddInvoicePayment', ['invoiceid' => 10]);
echo "two payments (30 + 20 of 100): invoice {$s['state']}\n";
$ledger();
// the admin deletes transaction 2 in WHMCS: the invoice stays Unpaid (no InvoiceUnpaid); WHMCS recalculates it
unset($txns['2']);
$s = qbo_hook($conn, 'UpdateInvoiceTotal', ['invoiceid' => 10]);
echo "transaction 2 deleted, UpdateInvoiceTotal: invoice {$s['state']}\n";
$ledger();
// transaction 1 deleted with no event at all; the client then pays the 100 it owes: the payment's event
// finds 1 gone, and deletes it in QBO before the 80 is pushed (else it would exceed QBO's open balance of 70)
unset($txns['1']);
$txns['3'] = $txn('3', '100.00', '23');
$s = qbo_hook($conn, 'InvoicePaid', ['invoiceid' => 10]);
echo "transaction 1 deleted silently, then 100 paid (InvoicePaid): invoice {$s['state']}\n";
$ledger();
// nothing else is deleted by the next events
qbo_hook($conn, 'UpdateInvoiceTotal', ['invoiceid' => 10]);
echo "again: payment 3 ", qbo_entities($conn, ['kind' => 'payment', 'id' => '3'])[0]['state'], "\n";
?>
--EXPECT--
two payments (30 + 20 of 100): invoice Synced
  QBO invoice: total 100, balance 50; active payments on it: 20 + 30
  payment 1: Synced
  payment 2: Synced
transaction 2 deleted, UpdateInvoiceTotal: invoice Synced
  QBO invoice: total 100, balance 70; active payments on it: 30
  payment 1: Synced
  payment 2: Deleted - Deleted in QuickBooks (it was QBO Payment 3), as in the billing system
transaction 1 deleted silently, then 100 paid (InvoicePaid): invoice Synced
  QBO invoice: total 100, balance 0; active payments on it: 100
  payment 1: Deleted - Deleted in QuickBooks (it was QBO Payment 2), as in the billing system
  payment 2: Deleted - Deleted in QuickBooks (it was QBO Payment 3), as in the billing system
  payment 3: Synced
again: payment 3 Synced
