--TEST--
An invoice cancelled after a payment and a credit note were applied to it is voided in QBO all the same: the void drops its links, the payment's money goes back to its UnappliedAmt, the credit back to the credit memo; the invoice is Synced (voided), QBO's totals say so
--FILE--
<?php
require __DIR__ . '/engine.inc';
[$conn, $realm] = qbo_test_connect();
qbo_push($conn, 'customer', eng_customer('c1', 'Can', 'Cel', 'cancel@example.com'));
$doc = eng_invoice('i1', 'c1', '100.00', 'CX-1');
$i = qbo_push($conn, 'invoice', $doc);
$p = qbo_push($conn, 'payment', eng_payment('p1', 'c1', '40.00', 'i1'));
$c = qbo_push($conn, 'credit', ['id' => 'cr1', 'customer' => 'c1', 'date' => '2026-11-22', 'amount' => '25.00', 'applies_to' => [['invoice' => 'i1', 'amount' => '25.00']]]);
$get = fn($e, $id) => qbo_test_api($realm, 'GET', strtolower($e) . "/$id")['json'][$e];
echo "before: invoice balance {$get('Invoice', $i['qbo_id'])['Balance']}, payment {$p['state']}, credit {$c['state']}\n";
$v = qbo_push($conn, 'invoice', ['status' => 'cancelled'] + $doc);
$inv = $get('Invoice', $i['qbo_id']);
$pay = $get('Payment', $p['qbo_id']);
$memo = $get('CreditMemo', $c['qbo_id']);
echo "cancelled: {$v['state']}; QBO invoice total {$inv['TotalAmt']}, balance {$inv['Balance']}, links ", count($inv['LinkedTxn'] ?? []), ", note starts Voided: ", var_export(str_starts_with($inv['PrivateNote'], 'Voided'), true), "\n";
echo "payment: total {$pay['TotalAmt']}, unapplied {$pay['UnappliedAmt']}, lines ", count($pay['Line']), "; credit memo remaining {$memo['RemainingCredit']}\n";
?>
--EXPECT--
before: invoice balance 35, payment Synced, credit Synced
cancelled: Synced; QBO invoice total 0, balance 0, links 0, note starts Voided: true
payment: total 40, unapplied 40, lines 0; credit memo remaining 25
