--TEST--
qbo_history dry run: the report says per record what would be created, linked (a QBO customer of the same name), updated, left unchanged or skipped, and why; nothing is written to QBO (no POST in the sandbox's request log) nor queued in the store
--FILE--
<?php
require __DIR__ . '/engine.inc';
[$conn, $realm] = qbo_test_connect(['delivery' => 'worker', 'sync_start' => '2026-01-01']);
// already in QBO by hand: a customer of the same name, and a synced record
qbo_test_api($realm, 'POST', 'customer', ['DisplayName' => 'Dry Linked', 'PrimaryEmailAddr' => ['Address' => 'linked@example.com']]);
qbo_push($conn, 'customer', eng_customer('d3', 'Dry', 'Synced', 'synced@example.com'));
qbo_sync($conn);
qbo_push($conn, 'customer', eng_customer('d4', 'Dry', 'Changed', 'changed@example.com'));
qbo_sync($conn);
$docs = [
    'customer' => [
        eng_customer('d1', 'Dry', 'New', 'new@example.com', ['created' => '2026-02-01']),
        eng_customer('d2', 'Dry', 'Linked', 'linked@example.com'),
        eng_customer('d3', 'Dry', 'Synced', 'synced@example.com'),
        eng_customer('d4', 'Dry', 'Changed', 'changed@example.com', ['phone' => '555-0100']),
        eng_customer('d5', 'Dry', 'Old', 'old@example.com', ['created' => '2025-05-05']),
        ['id' => 'd6', 'first_name' => 'No', 'last_name' => 'Email'],
    ],
    'invoice' => [eng_invoice('di1', 'd1', '12.00', 'DRY-1'), eng_invoice('di2', 'd1', '3.00', 'DRY-2', ['status' => 'draft'])],
];
$before = count(eng_requests($realm, "/v3/company/$realm/*", 'POST'));
$queued = qbo_status($conn)['queued'];
$st = qbo_history($conn, ['dry_run' => true, 'kinds' => ['customer', 'invoice'],
    'source' => fn($kind, $offset, $limit) => array_slice($docs[$kind] ?? [], $offset, $limit)]);
echo "dry_run: ", var_export($st['dry_run'], true), ", {$st['message']}\n";
while (qbo_history_status($conn)['state'] === 'running') {
    qbo_sync($conn);
}
$st = qbo_history_status($conn);
echo "state {$st['state']}, done {$st['done']} of {$st['total']}\n";
foreach ($st['report'] as $r) {
    printf("%-8s %-3s %-9s %s%s\n", $r['kind'], $r['id'], $r['action'], $r['qbo_id'] !== null ? "QBO {$r['qbo_id']} " : '', $r['reason'] ?? '');
}
echo "counts: ", json_encode($st['counts']), "\n";
echo "POSTs during the dry run: ", count(eng_requests($realm, "/v3/company/$realm/*", 'POST')) - $before, "\n";
echo "queued: ", qbo_status($conn)['queued'] - $queued, ", store entities d1: ", count(qbo_entities($conn, ['id' => 'd1'])), "\n";
echo "QBO customers named Dry New: ", eng_qbo_count($realm, 'Customer', 'DisplayName', 'Dry New'), "\n";
?>
--EXPECT--
dry_run: true, Dry run recorded: qbo_sync() (or bin/qbosync push) reads the records; nothing is written to QuickBooks
state done, done 8 of 8
customer d1  create    
customer d2  link      QBO 4 
customer d3  unchanged QBO 5 
customer d4  update    QBO 6 
customer d5  skip      Created 2025-05-05, before the sync start date 2026-01-01: not sent to QuickBooks (option sync_start)
customer d6  error     Customer d6: email is missing; add the customer's email address in the billing system (QuickBooks invoices need it)
invoice  di1 create    
invoice  di2 skip      A draft invoice is not sent to QuickBooks until it is issued
counts: {"created":2,"linked":1,"updated":1,"unchanged":1,"skipped":2,"waiting":0,"errors":1}
POSTs during the dry run: 0
queued: 0, store entities d1: 0
QBO customers named Dry New: 0
