--TEST--
Write-off (kind writeoff): an invoice's open balance written off as bad debt is a CreditMemo of the "Bad Debt" item (booked to the auto-created "Bad Debts" account, purpose writeoff) applied to the invoice by a Payment of 0: the invoice's QBO balance falls by exactly the amount; Synced only once QBO holds it; pushed again nothing new is written (requestid); deleted (the billing side reverses it) the application and the memo go and the balance rises again; re-written off, a fresh CreditMemo
--FILE--
<?php
require __DIR__ . '/engine.inc';
[$conn, $realm, $opts] = qbo_test_connect();
qbo_push($conn, 'customer', eng_customer('c1', 'Bad', 'Payer', 'bad@example.com'));
$i = qbo_push($conn, 'invoice', eng_invoice('i1', 'c1', '100.00', 'WO-1'));
qbo_push($conn, 'payment', eng_payment('p1', 'c1', '30.00', 'i1'));
$bal = fn() => qbo_test_api($realm, 'GET', "invoice/{$i['qbo_id']}")['json']['Invoice']['Balance'];
echo "invoice 100.00 paid 30.00: QBO balance ", $bal(), "\n";
$wo = ['id' => 'w1', 'customer' => 'c1', 'invoice' => 'i1', 'date' => '2026-12-01', 'amount' => '70.00', 'reason' => 'Client went out of business'];
$s = qbo_push($conn, 'writeoff', $wo);
echo "write-off: {$s['state']}, QBO CreditMemo {$s['qbo_id']}\n";
$m = qbo_test_api($realm, 'GET', "creditmemo/{$s['qbo_id']}")['json']['CreditMemo'];
$line = $m['Line'][0];
$item = qbo_test_api($realm, 'GET', "item/{$line['SalesItemLineDetail']['ItemRef']['value']}")['json']['Item'];
$acct = qbo_test_api($realm, 'GET', "account/{$item['IncomeAccountRef']['value']}")['json']['Account'];
echo "  memo: total {$m['TotalAmt']}, balance {$m['Balance']}, line \"{$line['Description']}\" {$line['Amount']}\n";
echo "  item \"{$item['Name']}\" ({$item['Type']}) -> account \"{$acct['Name']}\" ({$acct['AccountType']}/{$acct['AccountSubType']})\n";
echo "  PrivateNote: {$m['PrivateNote']}\n";
$apps = array_values(array_filter(eng_qbo_all($realm, 'Payment'), fn($p) => $p['__status'] === 'active' && (float)$p['TotalAmt'] == 0));
foreach ($apps as $p) {
    echo "  application: Payment of {$p['TotalAmt']}: ", implode(', ', array_map(fn($l) => "{$l['LinkedTxn'][0]['TxnType']} {$l['LinkedTxn'][0]['TxnId']} {$l['Amount']}", $p['Line'])), "\n";
}
echo "  invoice QBO balance ", $bal(), "; invoice ", qbo_entities($conn, ['kind' => 'invoice', 'id' => 'i1'])[0]['state'], "\n";
foreach (qbo_mappings($conn) as $mp) {
    if ($mp['purpose'] === 'writeoff' || $mp['local_id'] === '*writeoff') {
        echo "  mapping {$mp['kind']} {$mp['local_id']}", $mp['purpose'] ? " ({$mp['purpose']})" : '', " -> {$mp['qbo_id']} \"{$mp['name']}\"\n";
    }
}
// the same write-off again, and forced: nothing new in QBO
qbo_push($conn, 'writeoff', $wo);
$s = qbo_resend($conn, 'writeoff', 'w1');
echo "pushed again and resent: {$s['state']}; CreditMemos ", eng_qbo_count($realm, 'CreditMemo', 'CustomerRef.value', $m['CustomerRef']['value']),
    ", applications ", count(array_filter(eng_qbo_all($realm, 'Payment'), fn($p) => (float)$p['TotalAmt'] == 0)), ", QBO balance ", $bal(), "\n";
// the billing system reverses it (the invoice is collectable after all)
$d = qbo_delete($conn, 'writeoff', 'w1');
$ms = array_values(array_filter(eng_qbo_all($realm, 'CreditMemo'), fn($r) => $r['Id'] === $s['qbo_id']))[0]['__status'];
$as = $apps[0]['Id'];
$as = array_values(array_filter(eng_qbo_all($realm, 'Payment'), fn($r) => $r['Id'] === $as))[0]['__status'];
echo "reversed: {$d['state']} - {$d['reason']}; memo {$ms}, application {$as}; invoice QBO balance ", $bal(), "\n";
// and written off again later: a new CreditMemo, the balance falls again
$s = qbo_push($conn, 'writeoff', ['date' => '2026-12-15'] + $wo);
echo "written off again: {$s['state']}, CreditMemo {$s['qbo_id']} (new: ", var_export($s['qbo_id'] !== $m['Id'], true), "); invoice QBO balance ", $bal(), "\n";
// a write-off whose invoice is not in QBO yet waits for it
$s = qbo_push($conn, 'writeoff', ['id' => 'w2', 'customer' => 'c1', 'invoice' => 'i9', 'date' => '2026-12-01', 'amount' => '5.00']);
echo "before its invoice: {$s['state']} - {$s['reason']}\n";
qbo_push($conn, 'invoice', eng_invoice('i9', 'c1', '5.00', 'WO-9'));
qbo_sync($conn);
$e = qbo_entities($conn, ['kind' => 'writeoff', 'id' => 'w2'])[0];
$i9 = qbo_entities($conn, ['kind' => 'invoice', 'id' => 'i9'])[0];
echo "after: {$e['state']}; invoice i9 QBO balance ", qbo_test_api($realm, 'GET', "invoice/{$i9['qbo_id']}")['json']['Invoice']['Balance'], "\n";
// answers lost: the memo's create, then its application: sent again with their requestids, QBO keeps one of each
$i3 = qbo_push($conn, 'invoice', eng_invoice('i3', 'c1', '60.00', 'WO-3'));
qbo_test_fault(['kind' => 'drop', 'when' => 'after', 'method' => 'POST', 'realm' => $realm, 'path' => "/v3/company/$realm/creditmemo", 'count' => 1]);
$s = qbo_push($conn, 'writeoff', ['id' => 'w3', 'customer' => 'c1', 'invoice' => 'i3', 'date' => '2026-12-01', 'amount' => '60.00']);
echo "memo answer lost: {$s['state']}, queued ", var_export($s['queued'], true), "\n";
qbo_test_fault(['kind' => 'drop', 'when' => 'after', 'method' => 'POST', 'realm' => $realm, 'path' => "/v3/company/$realm/payment", 'count' => 1]);
qbo_sync($conn);
$e = qbo_entities($conn, ['kind' => 'writeoff', 'id' => 'w3'])[0];
echo "application answer lost: {$e['state']}, queued ", var_export($e['queued'], true), "\n";
qbo_test_store_exec($opts['store'], 'UPDATE outbox SET next_try = 0');   // its retry is due
qbo_sync($conn);
$e = qbo_entities($conn, ['kind' => 'writeoff', 'id' => 'w3'])[0];
$memos = array_filter(eng_qbo_all($realm, 'CreditMemo'), fn($r) => str_contains($r['PrivateNote'] ?? '', 'qbosync:writeoff:w3'));
$apps = array_filter(eng_qbo_all($realm, 'Payment'), fn($r) => ($r['PrivateNote'] ?? '') === 'qbosync:writeoff:w3 credit applied');
echo "after the retries: {$e['state']}; CreditMemos ", count($memos), ", applications ", count($apps), "; invoice i3 QBO balance ",
    qbo_test_api($realm, 'GET', "invoice/{$i3['qbo_id']}")['json']['Invoice']['Balance'], "\n";
?>
--EXPECT--
invoice 100.00 paid 30.00: QBO balance 70
write-off: Synced, QBO CreditMemo 3
  memo: total 70, balance 0, line "Bad debt: invoice i1 written off: Client went out of business" 70
  item "Bad Debt" (Service) -> account "Bad Debts" (Income/DiscountsRefundsGiven)
  PrivateNote: qbosync:writeoff:w1 - writes off invoice i1 (QBO Invoice 1)
  application: Payment of 0: Invoice 1 70, CreditMemo 3 70
  invoice QBO balance 0; invoice Synced
  mapping account * (writeoff) -> 11 "Bad Debts"
  mapping item *writeoff -> 6 "Bad Debt"
pushed again and resent: Synced; CreditMemos 1, applications 1, QBO balance 0
reversed: Deleted - Deleted in QuickBooks (it was QBO CreditMemo 3), as in the billing system; memo deleted, application deleted; invoice QBO balance 70
written off again: Synced, CreditMemo 5 (new: true); invoice QBO balance 0
before its invoice: Waiting - Waiting on invoice i9
after: Synced; invoice i9 QBO balance 0
memo answer lost: Not Tried, queued true
application answer lost: Not Tried, queued true
after the retries: Synced; CreditMemos 1, applications 1; invoice i3 QBO balance 0