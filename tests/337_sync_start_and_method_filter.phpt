--TEST--
Settings: with sync_start, customers, invoices and payments created before it are Skipped with the reason (items always go; an old customer goes when a later invoice needs it); with exclude_methods, payments of those methods are Skipped; QBO holds none of the skipped records; a bad sync_start is refused
--FILE--
<?php
require __DIR__ . '/engine.inc';
[$conn, $realm] = qbo_test_connect(['sync_start' => '2026-11-01', 'exclude_methods' => 'cash, banktransfer']);
$old = qbo_push($conn, 'customer', eng_customer('c0', 'Old', 'Timer', 'old@example.com', ['created' => '2025-03-04T10:00:00+00:00']));
$new = qbo_push($conn, 'customer', eng_customer('c1', 'Ann', 'Lee', 'ann@example.com', ['created' => '2026-11-02']));
$item = qbo_push($conn, 'item', ['id' => 'vps', 'name' => 'VPS 2GB']);
$i0 = qbo_push($conn, 'invoice', eng_invoice('i0', 'c1', '10.00', 'S-0', ['date' => '2026-10-30']));
$i1 = qbo_push($conn, 'invoice', eng_invoice('i1', 'c1', '20.00', 'S-1', ['date' => '2026-11-05']));
$pc = qbo_push($conn, 'payment', ['method' => 'cash'] + eng_payment('p1', 'c1', '20.00', 'i1'));
$pp = qbo_push($conn, 'payment', eng_payment('p2', 'c1', '20.00', 'i1'));
foreach ([$old, $new, $item, $i0, $i1, $pc, $pp] as $s) {
    echo "{$s['kind']} {$s['id']}: {$s['state']}", $s['reason'] ? " - {$s['reason']}" : '', "\n";
}
echo "QBO: customer Old Timer ", eng_qbo_count($realm, 'Customer', 'DisplayName', 'Old Timer'),
    ", invoice S-0 ", eng_qbo_count($realm, 'Invoice', 'DocNumber', 'S-0'),
    ", payments p1 ", eng_qbo_payments_marked($realm, 'p1'), ", p2 ", eng_qbo_payments_marked($realm, 'p2'), "\n";
// a new invoice of the old customer brings the customer along
$i2 = qbo_push($conn, 'invoice', eng_invoice('i2', 'c0', '5.00', 'S-2', ['date' => '2026-11-06']));
$c0 = qbo_entities($conn, ['kind' => 'customer', 'id' => 'c0'])[0];
echo "invoice i2 of the old customer: {$i2['state']}; customer c0 now {$c0['state']}, in QBO ", eng_qbo_count($realm, 'Customer', 'DisplayName', 'Old Timer'), "\n";
$s = qbo_status($conn);
echo "counts: Synced {$s['counts']['Synced']}, Skipped {$s['counts']['Skipped']}\n";
try {
    qbo_connect(qbo_test_options(['sync_start' => '1 Nov 2026']));
} catch (ValueError $e) {
    echo $e->getMessage(), "\n";
}
?>
--EXPECT--
customer c0: Skipped - Created 2025-03-04, before the sync start date 2026-11-01: not sent to QuickBooks (option sync_start)
customer c1: Synced
item vps: Synced
invoice i0: Skipped - Created 2026-10-30, before the sync start date 2026-11-01: not sent to QuickBooks (option sync_start)
invoice i1: Synced
payment p1: Skipped - Payment method cash is excluded from sync: not sent to QuickBooks (option exclude_methods)
payment p2: Synced
QBO: customer Old Timer 0, invoice S-0 0, payments p1 0, p2 1
invoice i2 of the old customer: Synced; customer c0 now Synced, in QBO 1
counts: Synced 6, Skipped 2
qbo_connect(): Argument #1 ($options) option "sync_start" must be a date YYYY-MM-DD, "1 Nov 2026" given
