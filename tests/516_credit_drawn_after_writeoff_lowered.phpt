--TEST--
An invoice's credit_applied drawn while its write-off is lowered: the write-off's application (a Payment of 0 linking its CreditMemo) took its part of the invoice's QBO balance, not credit, so once the lowered write-off is in QuickBooks the invoice's credit is drawn from the customer's unapplied payment and the invoice is Synced with a QBO balance of 0, instead of a Mismatch of the credit's amount
--FILE--
<?php
require __DIR__ . '/engine.inc';
[$conn, $realm, $opts] = qbo_test_connect(['delivery' => 'worker']);
$show = function (string $what) use ($conn, $realm) {
    echo "$what:\n";
    foreach (qbo_entities($conn) as $e) {
        echo "  {$e['kind']} {$e['id']}: {$e['state']}", (string)$e['reason'] !== '' ? " - {$e['reason']}" : '', "\n";
    }
    $i = qbo_entities($conn, ['kind' => 'invoice', 'id' => 'i1'])[0];
    echo "  QBO invoice balance ", qbo_test_api($realm, 'GET', "invoice/{$i['qbo_id']}")['json']['Invoice']['Balance'], "\n";
    foreach (eng_qbo_all($realm, 'Payment') as $p) {
        if ($p['__status'] === 'active') {
            echo "  QBO Payment of {$p['TotalAmt']}, unapplied {$p['UnappliedAmt']}: ",
                implode(', ', array_map(fn($l) => "{$l['LinkedTxn'][0]['TxnType']} {$l['Amount']}", $p['Line'])) ?: 'no lines', "\n";
        }
    }
};
qbo_push($conn, 'customer', eng_customer('c1', 'Bad', 'Payer', 'bad@example.com'));
qbo_push($conn, 'invoice', eng_invoice('i1', 'c1', '56.67', 'WO-1'));
$wo = ['id' => 'i1', 'customer' => 'c1', 'invoice' => 'i1', 'date' => '2026-12-01', 'amount' => '56.67'];
qbo_push($conn, 'writeoff', $wo);
qbo_push($conn, 'payment', eng_payment('a1', 'c1', '17.00'));   // account credit
qbo_sync($conn);
$show('written off whole; 17.00 of account credit');
// the billing system applies 17.00 of credit to the invoice, and the write-off is the rest
qbo_push($conn, 'invoice', eng_invoice('i1', 'c1', '56.67', 'WO-1', ['credit_applied' => '17.00']));
qbo_push($conn, 'writeoff', ['amount' => '39.67'] + $wo);
qbo_sync($conn);
$show('credit applied, write-off lowered to 39.67');
// delivered again: nothing drawn twice
qbo_resend($conn, 'invoice', 'i1');
$show('invoice resent');
?>
--EXPECT--
written off whole; 17.00 of account credit:
  customer c1: Synced
  invoice i1: Synced
  payment a1: Synced
  writeoff i1: Synced
  QBO invoice balance 0
  QBO Payment of 17, unapplied 17: no lines
  QBO Payment of 0, unapplied 0: Invoice 56.67, CreditMemo 56.67
credit applied, write-off lowered to 39.67:
  customer c1: Synced
  invoice i1: Synced
  payment a1: Synced
  writeoff i1: Synced
  QBO invoice balance 0
  QBO Payment of 17, unapplied 0: Invoice 17
  QBO Payment of 0, unapplied 0: Invoice 39.67, CreditMemo 39.67
invoice resent:
  customer c1: Synced
  invoice i1: Synced
  payment a1: Synced
  writeoff i1: Synced
  QBO invoice balance 0
  QBO Payment of 17, unapplied 0: Invoice 17
  QBO Payment of 0, unapplied 0: Invoice 39.67, CreditMemo 39.67
