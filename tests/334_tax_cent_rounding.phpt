--TEST--
Cent rounding: the billing system rounds tax per line (5 x 0.24 at 6.25 % = 5 x 0.02 = 0.10) where QuickBooks rounds per invoice (1.20 x 6.25 % = 0.08); the billing tax total goes out as TxnTaxDetail.TotalTax and QBO's total equals the billing total: Synced. A tax total QBO does not take (off by more than rounding) is Mismatch, never Synced
--FILE--
<?php
require __DIR__ . '/engine.inc';
[$conn, $realm] = qbo_test_connect();
qbo_push($conn, 'customer', eng_customer('c1', 'Ann', 'Lee', 'ann@example.com'));
qbo_map($conn, 'tax', 'st625', '2');   // 6.25 %
// 5 x 0.24 = 1.20 at 6.25 %: per line 0.015 -> 0.02 each = 0.10; per invoice 1.20 x 6.25 % = 0.075 -> 0.08
$doc = ['id' => 'r1', 'customer' => 'c1', 'number' => 'R-1', 'date' => '2026-11-20', 'status' => 'unpaid',
    'lines' => array_fill(0, 5, ['description' => 'Domain', 'amount' => '0.24', 'taxable' => true]),
    'taxes' => [['tax' => 'st625', 'rate' => '6.25', 'amount' => '0.10']],
    'subtotal' => '1.20', 'tax_total' => '0.10', 'total' => '1.30'];
$s = qbo_push($conn, 'invoice', $doc);
$inv = qbo_test_api($realm, 'GET', 'invoice/' . $s['qbo_id'])['json']['Invoice'];
echo "per-line rounding: {$s['state']}; QBO total {$inv['TotalAmt']}, tax {$inv['TxnTaxDetail']['TotalTax']}\n";
// 0.07 away from QuickBooks' 0.08: not rounding, QuickBooks keeps its own figure
$doc['id'] = 'r2'; $doc['number'] = 'R-2';
$doc['taxes'][0]['amount'] = '0.15'; $doc['tax_total'] = '0.15'; $doc['total'] = '1.35';
$s = qbo_push($conn, 'invoice', $doc);
$inv = qbo_test_api($realm, 'GET', 'invoice/' . $s['qbo_id'])['json']['Invoice'];
echo "off by 7 cents: {$s['state']}; QBO total {$inv['TotalAmt']}, tax {$inv['TxnTaxDetail']['TotalTax']}\n{$s['reason']}\n";
?>
--EXPECT--
per-line rounding: Synced; QBO total 1.3, tax 0.1
off by 7 cents: Mismatch; QBO total 1.28, tax 0.08
Invoice r2: QuickBooks total 1.28, billing total 1.35 — both charge 6.25 %, but QuickBooks computes the tax as 0.08 where the billing system charged 0.15, more than rounding explains, and kept its own figure: check the billing system's tax calculation (or correct the tax in QuickBooks), then send the invoice again with qbo_resend()
