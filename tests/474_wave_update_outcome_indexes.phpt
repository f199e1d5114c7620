--TEST--
A wave of updates to Synced records (state and QBO Id unchanged, written without rewriting their index entries): the new SyncToken, synced version and attempts are stored, the listings by state and the lookup by QBO Id still find every record; a new record created in the same wave goes to Synced with its QBO Id
--FILE--
<?php
require __DIR__ . '/engine.inc';
[$conn, $realm, $opts] = qbo_test_connect(['delivery' => 'worker']);
$store = $opts['store'];
foreach (['1', '2', '3'] as $k) {
    qbo_push($conn, 'customer', eng_customer("u$k", 'Update', "First$k", "u$k@example.com"));
}
qbo_sync($conn);
$before = [];
foreach (qbo_test_store_rows($store, "SELECT local_id, qbo_id, sync_token FROM entity WHERE kind = 'customer'") as $row) {
    $before[$row['local_id']] = $row;
}
qbo_push($conn, 'customer', eng_customer('u1', 'Update', 'Second1', 'u1@example.com'));
qbo_push($conn, 'customer', eng_customer('u2', 'Update', 'Second2', 'u2@example.com'));
qbo_push($conn, 'customer', eng_customer('u4', 'Update', 'New4', 'u4@example.com'));
$r = qbo_sync($conn);
echo "second sync delivered {$r['delivered']}\n";
$qbo = [];
foreach (eng_qbo_all($realm, 'Customer') as $c) {
    $qbo[$c['Id']] = $c;
}
foreach (qbo_test_store_rows($store, "SELECT local_id, state, version, synced_version, qbo_id, sync_token FROM entity"
    . " WHERE kind = 'customer' ORDER BY local_id") as $row) {
    $c = $qbo[$row['qbo_id']] ?? null;
    echo "  {$row['local_id']}: {$row['state']}, synced version {$row['synced_version']} of {$row['version']}, QBO Id ",
        isset($before[$row['local_id']]['qbo_id']) && $before[$row['local_id']]['qbo_id'] !== null
            ? ($before[$row['local_id']]['qbo_id'] === $row['qbo_id'] ? 'kept' : 'changed') : 'new',
        ", QBO {$c['DisplayName']}, SyncToken ", $c && $c['SyncToken'] === $row['sync_token'] ? 'matches' : 'differs', "\n";
}
$s = qbo_status($conn);
echo "status: Synced {$s['counts']['Synced']}, queued {$s['queued']}\n";
echo "listed as Synced: ", implode(', ', array_map(fn($e) => $e['id'], qbo_entities($conn, ['kind' => 'customer', 'state' => 'Synced']))), "\n";
echo "rows by QBO Id: ", count(array_filter(array_keys($before), fn($id) => $before[$id]['qbo_id'] !== null
    && count(qbo_test_store_rows($store, "SELECT local_id FROM entity WHERE conn = ? AND kind = 'customer' AND qbo_id = ?",
        [qbo_test_store_rows($store, "SELECT conn FROM entity LIMIT 1")[0]['conn'], $before[$id]['qbo_id']])) === 1)), "\n";
?>
--EXPECT--
second sync delivered 3
  u1: Synced, synced version 2 of 2, QBO Id kept, QBO Update Second1, SyncToken matches
  u2: Synced, synced version 2 of 2, QBO Id kept, QBO Update Second2, SyncToken matches
  u3: Synced, synced version 1 of 1, QBO Id kept, QBO Update First3, SyncToken matches
  u4: Synced, synced version 1 of 1, QBO Id new, QBO Update New4, SyncToken matches
status: Synced 4, queued 0
listed as Synced: u1, u2, u3, u4
rows by QBO Id: 3
