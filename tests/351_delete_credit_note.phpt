--TEST--
A credit note deleted (qbo_delete) takes its own application with it: the Payment of 0 linking it is deleted, then the CreditMemo, and the invoice's balance is back; pushed again it is a new CreditMemo applied afresh; a credit note that an invoice's credit_applied draws on is not deleted (Error naming the Payment to remove)
--FILE--
<?php
require __DIR__ . '/engine.inc';
[$conn, $realm] = qbo_test_connect();
qbo_push($conn, 'customer', eng_customer('c1', 'Cre', 'Dit', 'cre@example.com'));
$i = qbo_push($conn, 'invoice', eng_invoice('i1', 'c1', '100.00', 'CD-1'));
$cr = ['id' => 'cr1', 'customer' => 'c1', 'date' => '2026-11-22', 'amount' => '30.00', 'reason' => 'Goodwill',
    'applies_to' => [['invoice' => 'i1', 'amount' => '25.00']]];
$s = qbo_push($conn, 'credit', $cr);
$bal = fn() => qbo_test_api($realm, 'GET', 'invoice/' . $i['qbo_id'])['json']['Invoice']['Balance'];
echo "credit {$s['state']}, invoice balance ", $bal(), "\n";
$row = fn($e, $id) => array_values(array_filter(eng_qbo_all($realm, $e), fn($r) => $r['Id'] === $id))[0];
$apps = fn() => array_map(fn($p) => "{$p['Id']} {$p['__status']}",
    array_filter(eng_qbo_all($realm, 'Payment'), fn($p) => str_starts_with($p['PrivateNote'] ?? '', 'qbosync:credit:cr1')));
$d = qbo_delete($conn, 'credit', 'cr1');
echo "deleted: {$d['state']}; CreditMemo {$s['qbo_id']}: ", $row('CreditMemo', $s['qbo_id'])['__status'],
    "; applications: ", implode(', ', $apps()), "; invoice balance ", $bal(), "\n";
$s2 = qbo_push($conn, 'credit', $cr);
echo "pushed again: {$s2['state']}, new CreditMemo: ", var_export($s2['qbo_id'] !== $s['qbo_id'], true),
    "; applications: ", implode(', ', $apps()), "; invoice balance ", $bal(), "\n";

// an invoice whose credit_applied draws on a credit note: that credit note stays
qbo_push($conn, 'credit', ['id' => 'cr2', 'customer' => 'c1', 'date' => '2026-11-22', 'amount' => '10.00']);
$i2 = qbo_push($conn, 'invoice', eng_invoice('i2', 'c1', '40.00', 'CD-2', ['credit_applied' => '10.00']));
echo "invoice with credit applied: {$i2['state']}\n";
$d2 = qbo_delete($conn, 'credit', 'cr2');
echo "deleting cr2: {$d2['state']}\n{$d2['reason']}\n";
// the application removed in QuickBooks, the delete goes through
preg_match('/through Payment (\d+)/', $d2['reason'], $m);
$pay = qbo_test_api($realm, 'GET', "payment/{$m[1]}")['json']['Payment'];
qbo_test_api($realm, 'POST', 'payment?operation=delete', ['Id' => $m[1], 'SyncToken' => $pay['SyncToken']]);
$d3 = qbo_delete($conn, 'credit', 'cr2');
echo "deleting cr2 again: {$d3['state']}, CreditMemo {$d2['qbo_id']}: ", $row('CreditMemo', $d2['qbo_id'])['__status'], "\n";
?>
--EXPECT--
credit Synced, invoice balance 75
deleted: Deleted; CreditMemo 2: deleted; applications: 3 deleted; invoice balance 100
pushed again: Synced, new CreditMemo: true; applications: 3 deleted, 5 active; invoice balance 75
invoice with credit applied: Synced
deleting cr2: Error
Credit note cr2: QuickBooks applies CreditMemo 6 through Payment 8, which is not this credit note's own application (an invoice's credit applied, or one made in QuickBooks): remove that application in QuickBooks, then call qbo_delete() for the credit note again
deleting cr2 again: Deleted, CreditMemo 6: deleted
