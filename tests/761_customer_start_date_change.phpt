--TEST--
Changing a connected customer's start date: records now inside the window are queued and delivered (in the ledger), records now before it that are already in QBO stay Synced (nothing deleted in the books), those not yet in QBO become Skipped; a history dry run reports the customer's older records as skipped with the reason; clearing the date sends the rest
--FILE--
<?php
require __DIR__ . '/engine.inc';
[$conn, $realm, $opts] = qbo_test_connect(['delivery' => 'worker']);
$qid = (string)qbo_test_api($realm, 'POST', 'customer', ['DisplayName' => 'Bolt Ltd'])['json']['Customer']['Id'];
qbo_push($conn, 'customer', eng_customer('21', 'Bolt', 'Client', 'bolt@example.com'));
qbo_map($conn, 'payment_method', 'paypal', 'create', ['name' => 'PayPal 761']);
$m = qbo_map($conn, 'customer', '21', $qid, ['start_date' => '2026-03-01']);
echo "connected with start_date {$m['start_date']}\n";
$pay = fn($id, $inv, $amount, $date) => ['date' => $date] + eng_payment($id, '21', $amount, $inv);
qbo_push($conn, 'invoice', eng_invoice('j1', '21', '11.00', 'SC-1', ['date' => '2026-01-20']));
qbo_push($conn, 'invoice', eng_invoice('j2', '21', '12.00', 'SC-2', ['date' => '2026-02-15']));
qbo_push($conn, 'invoice', eng_invoice('j3', '21', '13.00', 'SC-3', ['date' => '2026-03-10']));
qbo_push($conn, 'payment', $pay('q2', 'j2', '12.00', '2026-02-16'));
qbo_push($conn, 'invoice', eng_invoice('j4', '21', '14.00', 'SC-4', ['date' => '2026-03-20']));
qbo_sync($conn);
$states = function () use ($conn) {
    $out = [];
    foreach (qbo_entities($conn, ['limit' => 100]) as $e) {
        if ($e['kind'] !== 'customer') {
            $out[] = "{$e['id']} {$e['state']}";
        }
    }
    return implode(', ', $out);
};
$ledger = function () use ($realm) {
    $n = array_map(fn($i) => ($i['DocNumber'] ?? '?') . (!empty($i['_deleted']) || ($i['status'] ?? '') === 'Deleted' ? ' deleted' : ''), eng_qbo_all($realm, 'Invoice'));
    sort($n);
    return implode(', ', $n) . '; payments ' . count(eng_qbo_all($realm, 'Payment'));
};
echo "start 2026-03-01: ", $states(), "\n";
echo "  QBO: ", $ledger(), "\n";

// earlier: j2 and its payment are now inside the window and go
$m = qbo_map($conn, 'customer', '21', $qid, ['start_date' => '2026-02-01']);
echo "moved to {$m['start_date']}: queued {$m['queued']}, skipped {$m['skipped']}\n";
qbo_sync($conn);
echo "  ", $states(), "\n";
echo "  QBO: ", $ledger(), "\n";

// later: j2, j3, j4 and q2 are in QBO and stay Synced; j5, queued but not yet sent, becomes Skipped
qbo_push($conn, 'invoice', eng_invoice('j5', '21', '15.00', 'SC-5', ['date' => '2026-03-25']));
$m = qbo_map($conn, 'customer', '21', $qid, ['start_date' => '2026-04-01']);
echo "moved to {$m['start_date']}: queued {$m['queued']}, skipped {$m['skipped']}\n";
qbo_sync($conn);
echo "  ", $states(), "\n";
echo "  QBO: ", $ledger(), "\n";
$j5 = qbo_entities($conn, ['kind' => 'invoice', 'id' => 'j5'])[0];
echo "  j5: ", str_contains($j5['reason'], 'before the start date 2026-04-01 set when connecting customer 21') ? 'reason names the start date' : $j5['reason'], "\n";

// a history dry run judges the customer's records by the date
$docs = ['invoice' => [eng_invoice('j6', '21', '16.00', 'SC-6', ['date' => '2026-03-30']), eng_invoice('j7', '21', '17.00', 'SC-7', ['date' => '2026-04-02'])]];
qbo_history($conn, ['dry_run' => true, 'kinds' => ['invoice'], 'source' => fn($kind, $offset, $limit) => array_slice($docs[$kind] ?? [], $offset, $limit)]);
while (qbo_history_status($conn)['state'] === 'running') {
    qbo_sync($conn);
}
foreach (qbo_history_status($conn)['report'] as $r) {
    echo "dry run {$r['id']}: {$r['action']}", $r['reason'] ? ' - ' . preg_replace("/ \\(#\\d+\\).*/", ' …', $r['reason']) : '', "\n";
}

// cleared: j1, j4 and j5 go
$m = qbo_map($conn, 'customer', '21', $qid, ['start_date' => null]);
echo "cleared: start_date ", var_export($m['start_date'], true), ", queued {$m['queued']}, skipped {$m['skipped']}\n";
qbo_sync($conn);
echo "  ", $states(), "\n";
echo "  QBO: ", $ledger(), "\n";
echo "store: ", json_encode(qbo_test_store_rows($opts['store'], "SELECT start_date FROM mapping WHERE kind = 'customer' AND local_id = '21'")[0]), "\n";
?>
--EXPECT--
connected with start_date 2026-03-01
start 2026-03-01: j1 Skipped, j2 Skipped, j3 Synced, j4 Synced, q2 Skipped
  QBO: SC-3, SC-4; payments 0
moved to 2026-02-01: queued 2, skipped 1
  j1 Skipped, j2 Synced, j3 Synced, j4 Synced, q2 Synced
  QBO: SC-2, SC-3, SC-4; payments 1
moved to 2026-04-01: queued 0, skipped 2
  j1 Skipped, j2 Synced, j3 Synced, j4 Synced, j5 Skipped, q2 Synced
  QBO: SC-2, SC-3, SC-4; payments 1
  j5: reason names the start date
dry run j6: skip - Dated 2026-03-30, before the start date 2026-04-01 set when connecting customer 21 to QuickBooks customer 'Bolt Ltd' …
dry run j7: create
cleared: start_date NULL, queued 2, skipped 0
  j1 Synced, j2 Synced, j3 Synced, j4 Synced, j5 Synced, q2 Synced
  QBO: SC-1, SC-2, SC-3, SC-4, SC-5; payments 1
store: {"start_date":null}
