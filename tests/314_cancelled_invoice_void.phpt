--TEST--
An invoice pushed again as cancelled is voided in QBO (same record, amounts zeroed); one cancelled before it was ever sent is Skipped
--FILE--
<?php
require __DIR__ . '/engine.inc';
[$conn, $realm, $opts] = qbo_test_connect();
qbo_push($conn, 'customer', eng_customer('1', 'Val', 'Ide', 'val@example.com'));
$i = qbo_push($conn, 'invoice', eng_invoice('60', '1', '45.00', 'V-60'));
$v = qbo_push($conn, 'invoice', eng_invoice('60', '1', '45.00', 'V-60', ['status' => 'cancelled']));
echo "cancelled: {$v['state']}, version {$v['version']}, same record: ", var_export($v['qbo_id'] === $i['qbo_id'], true), "\n";
$q = qbo_test_api($realm, 'GET', 'invoice/' . $i['qbo_id'])['json']['Invoice'];
echo "QBO: total {$q['TotalAmt']}, balance {$q['Balance']}, note starts with Voided: ", var_export(str_starts_with($q['PrivateNote'] ?? '', 'Voided'), true), "\n";
$s = qbo_push($conn, 'invoice', eng_invoice('61', '1', '5.00', 'V-61', ['status' => 'cancelled']));
echo "never sent: {$s['state']}, queued ", var_export($s['queued'], true), ", QBO invoices V-61: ", eng_qbo_count($realm, 'Invoice', 'DocNumber', 'V-61'), "\n";
?>
--EXPECT--
cancelled: Synced, version 2, same record: true
QBO: total 0, balance 0, note starts with Voided: true
never sent: Skipped, queued false, QBO invoices V-61: 0
