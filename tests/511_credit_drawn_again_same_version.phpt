--TEST--
An invoice's credit drawn a second time for the same version (the first application took the 10.00 QBO had, the invoice waited for a credit note still on its way, then went again once it was there) is a new application with its own requestid, not the replay of the first one: QBO links both credit memos to the invoice and its balance is the billing one
--FILE--
<?php
require __DIR__ . '/engine.inc';
[$conn, $realm, $opts] = qbo_test_connect();
$st = fn($k, $id) => qbo_entities($conn, ['kind' => $k, 'id' => $id])[0];
qbo_push($conn, 'customer', eng_customer('c1', 'Two', 'Memos', 'twomemos@example.com'));
$c = qbo_push($conn, 'credit', ['id' => 'cr1', 'customer' => 'c1', 'date' => '2026-11-19', 'amount' => '10.00', 'reason' => 'Account credit']);
echo "cr1: {$c['state']}\n";
/* the second credit note's create fails once: it waits for a retry */
qbo_test_fault(['kind' => '500', 'method' => 'POST', 'realm' => $realm, 'path' => "/v3/company/$realm/creditmemo", 'count' => 1]);
$c = qbo_push($conn, 'credit', ['id' => 'cr2', 'customer' => 'c1', 'date' => '2026-11-19', 'amount' => '20.00', 'reason' => 'Account credit']);
echo "cr2: {$c['state']}\n";
$s = qbo_push($conn, 'invoice', eng_invoice('i1', 'c1', '40.00', 'TM-1', ['credit_applied' => '30.00']));
$bal = fn() => qbo_test_api($realm, 'GET', 'invoice/' . $st('invoice', 'i1')['qbo_id'])['json']['Invoice']['Balance'];
echo "i1: {$s['state']}; QBO balance {$bal()}\n";
$s = qbo_resend($conn, 'credit', 'cr2');
echo "cr2 sent again: {$s['state']}; i1 {$st('invoice', 'i1')['state']}", $st('invoice', 'i1')['reason'] ? ": {$st('invoice', 'i1')['reason']}" : '', "; QBO balance {$bal()}\n";
$inv = qbo_test_api($realm, 'GET', 'invoice/' . $st('invoice', 'i1')['qbo_id'])['json']['Invoice'];
$memos = [];
foreach ($inv['LinkedTxn'] as $l) {
    $p = qbo_test_api($realm, 'GET', 'payment/' . $l['TxnId'])['json']['Payment'];
    foreach ($p['Line'] as $pl) {
        foreach ($pl['LinkedTxn'] as $t) {
            if ($t['TxnType'] === 'CreditMemo') {
                $memos[] = ($t['TxnId'] === $st('credit', 'cr1')['qbo_id'] ? 'cr1' : ($t['TxnId'] === $st('credit', 'cr2')['qbo_id'] ? 'cr2' : $t['TxnId'])) . " {$pl['Amount']}";
            }
        }
    }
}
sort($memos);
echo "credit memos applied to i1 in QBO: ", implode(', ', $memos), "\n";
?>
--EXPECT--
cr1: Synced
cr2: Not Tried
i1: Waiting; QBO balance 30
cr2 sent again: Synced; i1 Synced; QBO balance 10
credit memos applied to i1 in QBO: cr1 10, cr2 20
