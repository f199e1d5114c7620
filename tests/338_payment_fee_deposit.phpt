--TEST--
A payment's gateway fee is recorded as QBO can hold it: a Deposit of the payment (from Undeposited Funds) to the payout bank account with a negative line for the fee to the fee expense account, so the bank gets amount - fee; without a fee account the payment is Mismatch naming the qbo_map() call, never Synced
--FILE--
<?php
require __DIR__ . '/engine.inc';
[$conn, $realm] = qbo_test_connect();
qbo_push($conn, 'customer', eng_customer('c1', 'Ann', 'Lee', 'ann@example.com'));
qbo_push($conn, 'invoice', eng_invoice('i1', 'c1', '100.00', 'F-1'));
qbo_push($conn, 'invoice', eng_invoice('i2', 'c1', '50.00', 'F-2'));
// no fee account yet
$p = qbo_push($conn, 'payment', ['fee' => '3.20'] + eng_payment('p1', 'c1', '100.00', 'i1'));
echo "without a fee account: {$p['state']}\n{$p['reason']}\n";
// an expense account for fees, mapped
$acct = qbo_test_api($realm, 'POST', 'account', ['Name' => 'Merchant Fees', 'AccountType' => 'Expense'])['json']['Account'];
qbo_map($conn, 'account', '*', $acct['Id'], ['purpose' => 'fee']);
$p = qbo_push($conn, 'payment', ['fee' => '1.75'] + eng_payment('p2', 'c1', '50.00', 'i2'));
echo "with a fee account: {$p['state']}\n";
foreach (eng_qbo_all($realm, 'Deposit') as $d) {
    echo "QBO Deposit to {$d['DepositToAccountRef']['value']}: total {$d['TotalAmt']}; lines: ", implode(', ', array_map(
        fn($l) => isset($l['LinkedTxn']) ? "Payment {$l['Amount']}" : "{$l['DepositLineDetail']['AccountRef']['value']} {$l['Amount']}",
        $d['Line'])), "\n";
}
// the first payment, pushed again now that fees have an account; then once more: still one deposit each
$p1 = qbo_push($conn, 'payment', ['fee' => '3.20'] + eng_payment('p1', 'c1', '100.00', 'i1'), QBO_FORCE);
$p1 = qbo_push($conn, 'payment', ['fee' => '3.20'] + eng_payment('p1', 'c1', '100.00', 'i1'), QBO_FORCE);
echo "p1 pushed again: {$p1['state']}\n";
echo "deposits: ", implode(', ', array_map(fn($d) => $d['TotalAmt'], eng_qbo_all($realm, 'Deposit'))), " (fee account {$acct['Name']})\n";
?>
--EXPECT--
without a fee account: Mismatch
Payment p1: QuickBooks fee 0.00, billing fee 3.20 — the gateway fee of 3.20 is not recorded: map an expense account for fees with qbo_map($conn, 'account', '*', '<QBO Account Id>', ['purpose' => 'fee']), then send the payment again with qbo_resend()
with a fee account: Synced
QBO Deposit to 3: total 48.25; lines: Payment 50, 11 -1.75
p1 pushed again: Synced
deposits: 48.25, 96.8 (fee account Merchant Fees)
