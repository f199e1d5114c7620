--TEST--
An invoice's credit_applied drawn from the customer's unapplied payments (account credit that is not a credit memo), oldest first: each payment gets one line linking the invoice, the invoice's QBO balance and the payments' UnappliedAmt fall by exactly the credit, both Synced; delivering the invoice again (forced, and as a new version) applies nothing twice
--FILE--
<?php
require __DIR__ . '/engine.inc';
[$conn, $realm] = qbo_test_connect();
qbo_push($conn, 'customer', eng_customer('c1', 'Ann', 'Lee', 'ann@example.com'));
// account credit: two payments that apply to nothing (Add Funds), the older one first
$pa = qbo_push($conn, 'payment', ['date' => '2026-11-01'] + eng_payment('pa', 'c1', '10.00'));
$pb = qbo_push($conn, 'payment', ['date' => '2026-11-10'] + eng_payment('pb', 'c1', '25.00'));
echo "payments: {$pa['state']}, {$pb['state']}\n";
$show = function (string $what) use ($realm, $pa, $pb, &$s) {
    $inv = qbo_test_api($realm, 'GET', 'invoice/' . $s['qbo_id'])['json']['Invoice'];
    $a = qbo_test_api($realm, 'GET', 'payment/' . $pa['qbo_id'])['json']['Payment'];
    $b = qbo_test_api($realm, 'GET', 'payment/' . $pb['qbo_id'])['json']['Payment'];
    $links = fn($p) => implode(',', array_map(fn($l) => $l['LinkedTxn'][0]['TxnType'] . ' ' . $l['LinkedTxn'][0]['TxnId'] . ' ' . $l['Amount'], $p['Line'] ?? []));
    echo "$what: invoice {$s['state']}, total {$inv['TotalAmt']}, balance {$inv['Balance']}; "
        . "pa unapplied {$a['UnappliedAmt']} [{$links($a)}]; pb unapplied {$b['UnappliedAmt']} [{$links($b)}]\n";
};
$doc = eng_invoice('i1', 'c1', '40.00', 'CU-1', ['credit_applied' => '18.00']);
$s = qbo_push($conn, 'invoice', $doc);
$show('first delivery');
$s = qbo_push($conn, 'invoice', $doc, QBO_FORCE);
$show('forced again');
$doc['due'] = '2026-12-30';   // a new version
$s = qbo_push($conn, 'invoice', $doc);
$show('new version');
$pays = array_filter(eng_qbo_all($realm, 'Payment'), fn($p) => (float)$p['TotalAmt'] == 0.0);
echo "zero payments (credit memo applications): ", count($pays), "\n";
// the rest of the invoice paid: nothing left open
$p = qbo_push($conn, 'payment', eng_payment('p1', 'c1', '22.00', 'i1'));
$inv = qbo_test_api($realm, 'GET', 'invoice/' . $s['qbo_id'])['json']['Invoice'];
echo "payment of the rest: {$p['state']}, invoice balance {$inv['Balance']}\n";
// more credit applied than the customer holds (7.00 left on pb): Mismatch, and what there was is applied
qbo_push($conn, 'customer', eng_customer('c2', 'Bo', 'Ng', 'bo@example.com'));
$pc = qbo_push($conn, 'payment', eng_payment('pc', 'c2', '5.00'));
$s2 = qbo_push($conn, 'invoice', eng_invoice('i2', 'c2', '40.00', 'CU-2', ['credit_applied' => '12.00']));
$inv = qbo_test_api($realm, 'GET', 'invoice/' . $s2['qbo_id'])['json']['Invoice'];
echo "not enough credit: {$s2['state']}, balance {$inv['Balance']}\n{$s2['reason']}\n";
?>
--EXPECTF--
payments: Synced, Synced
first delivery: invoice Synced, total 40, balance 22; pa unapplied 0 [Invoice %d 10]; pb unapplied 17 [Invoice %d 8]
forced again: invoice Synced, total 40, balance 22; pa unapplied 0 [Invoice %d 10]; pb unapplied 17 [Invoice %d 8]
new version: invoice Synced, total 40, balance 22; pa unapplied 0 [Invoice %d 10]; pb unapplied 17 [Invoice %d 8]
zero payments (credit memo applications): 0
payment of the rest: Synced, invoice balance 0
not enough credit: Mismatch, balance 35
Invoice i2: QuickBooks balance 35.00, billing balance 28.00 — the credit of 12.00 applied in the billing system is not applied to the invoice in QuickBooks: push the credit note (kind 'credit') that gave the customer this credit, then send the invoice again with qbo_resend() (the customer has 5.00 of open credit in QuickBooks for the 12.00 applied)
