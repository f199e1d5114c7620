--TEST--
A credit note with applies_to becomes a CreditMemo and a Payment of 0 linking it to the invoice: the invoice's QBO balance falls by exactly the applied amount, the memo keeps the rest as remaining credit; both Synced; pushed again (QBO_FORCE) it is not applied twice
--FILE--
<?php
require __DIR__ . '/engine.inc';
[$conn, $realm] = qbo_test_connect();
qbo_push($conn, 'customer', eng_customer('c1', 'Ann', 'Lee', 'ann@example.com'));
$i = qbo_push($conn, 'invoice', eng_invoice('i1', 'c1', '100.00', 'CN-1'));
$cr = ['id' => 'cr1', 'customer' => 'c1', 'date' => '2026-11-22', 'amount' => '30.00', 'reason' => 'Goodwill',
    'applies_to' => [['invoice' => 'i1', 'amount' => '25.00']]];
$s = qbo_push($conn, 'credit', $cr);
echo "invoice {$i['state']}, credit {$s['state']}", $s['reason'] ? ": {$s['reason']}" : '', "\n";
$inv = qbo_test_api($realm, 'GET', 'invoice/' . $i['qbo_id'])['json']['Invoice'];
$cm = qbo_test_api($realm, 'GET', 'creditmemo/' . $s['qbo_id'])['json']['CreditMemo'];
echo "QBO invoice: total {$inv['TotalAmt']}, balance {$inv['Balance']}\n";
echo "QBO credit memo: total {$cm['TotalAmt']}, balance {$cm['Balance']}, remaining {$cm['RemainingCredit']}\n";
$apps = array_filter(eng_qbo_all($realm, 'Payment'), fn($p) => str_contains($p['PrivateNote'] ?? '', 'qbosync:credit:cr1'));
foreach ($apps as $p) {
    echo "application payment: total {$p['TotalAmt']}, lines ", implode(', ', array_map(
        fn($l) => $l['LinkedTxn'][0]['TxnType'] . ' ' . $l['Amount'], $p['Line'])), "\n";
}
$s = qbo_push($conn, 'credit', $cr, QBO_FORCE);
$inv = qbo_test_api($realm, 'GET', 'invoice/' . $i['qbo_id'])['json']['Invoice'];
echo "again: {$s['state']}, invoice balance {$inv['Balance']}, application payments ",
    count(array_filter(eng_qbo_all($realm, 'Payment'), fn($p) => str_contains($p['PrivateNote'] ?? '', 'qbosync:credit:cr1'))), "\n";
?>
--EXPECT--
invoice Synced, credit Synced
QBO invoice: total 100, balance 75
QBO credit memo: total 30, balance 5, remaining 5
application payment: total 0, lines Invoice 25, CreditMemo 25
again: Synced, invoice balance 75, application payments 1
