--TEST--
A claim finds the record's outbox row by the seq the last due list gave it, and by its key when that row has moved since (another record's row there now, or none): records left queued by a dropped first attempt, one delivered by qbo_sync, then the outbox rows of the others moved and reused before their edits are pushed inline; each edit is claimed and delivered inline (its create goes under the first attempt's requestid and its update follows at once in the same push): Synced at its version, QBO holds each customer once with its edited name, no outbox row left
--FILE--
<?php
require __DIR__ . '/engine.inc';
[$conn, $realm, $opts] = qbo_test_connect(['delivery' => 'inline']);
$store = $opts['store'];
/* the first attempts fail before reaching QBO: the records stay queued */
$rule = qbo_test_fault(['kind' => 'drop', 'when' => 'before', 'method' => 'POST', 'realm' => $realm,
    'path' => "/v3/company/$realm/customer", 'count' => 4]);
foreach (['1', '2', '3', '4'] as $k) {
    $st = qbo_push($conn, 'customer', eng_customer("h$k", 'Hint', "Before$k", "h$k@example.com"));
    echo "h$k pushed, its delivery dropped: queued ", var_export($st['queued'], true), "\n";
}
qbo_test_http('DELETE', '/_sandbox/faults/' . $rule['id']);
qbo_test_store_exec($store, "UPDATE outbox SET next_try = 0");
/* the due list names h1-h4 with their seqs; one record is delivered */
$r = qbo_sync($conn, ['limit' => 1, 'batch_size' => 1]);
echo "qbo_sync limit 1: delivered {$r['delivered']}\n";
$seq = [];
foreach (qbo_test_store_rows($store, "SELECT local_id, seq FROM outbox WHERE kind = 'customer' ORDER BY local_id") as $row) {
    $seq[$row['local_id']] = (int)$row['seq'];
}
echo "queued: ", implode(', ', array_keys($seq)), "\n";
$top = max($seq) + 100;
/* h2's row moves away; h3's row moves into the seq h2 left; h4 keeps its seq */
qbo_test_store_exec($store, "UPDATE outbox SET seq = ? WHERE kind = 'customer' AND local_id = 'h2'", [$top]);
qbo_test_store_exec($store, "UPDATE outbox SET seq = ? WHERE kind = 'customer' AND local_id = 'h3'", [$seq['h2']]);
foreach (['2', '3', '4'] as $k) {
    $st = qbo_push($conn, 'customer', eng_customer("h$k", 'Hint', "After$k", "h$k@example.com"));
    echo "h$k edited, delivered inline: {$st['state']}\n";
}
/* each create under the first attempt's requestid was followed by its update inline: nothing is left to deliver */
$r = qbo_sync($conn);
echo "qbo_sync: delivered {$r['delivered']}\n";
foreach (qbo_test_store_rows($store, "SELECT e.local_id, e.state, e.version, e.synced_version, o.status FROM entity e"
    . " LEFT JOIN outbox o ON o.conn = e.conn AND o.kind = e.kind AND o.local_id = e.local_id"
    . " WHERE e.kind = 'customer' ORDER BY e.local_id") as $row) {
    echo "  {$row['local_id']}: {$row['state']}, version {$row['version']}, synced version {$row['synced_version']}, outbox ",
        $row['status'] ?? 'none', "\n";
}
$names = [];
foreach (eng_qbo_all($realm, 'Customer') as $c) {
    if (str_starts_with($c['DisplayName'], 'Hint ')) {
        $names[] = $c['DisplayName'];
    }
}
sort($names);
echo "QBO: ", implode(', ', $names), "\n";
?>
--EXPECT--
h1 pushed, its delivery dropped: queued true
h2 pushed, its delivery dropped: queued true
h3 pushed, its delivery dropped: queued true
h4 pushed, its delivery dropped: queued true
qbo_sync limit 1: delivered 1
queued: h2, h3, h4
h2 edited, delivered inline: Synced
h3 edited, delivered inline: Synced
h4 edited, delivered inline: Synced
qbo_sync: delivered 0
  h1: Synced, version 1, synced version 1, outbox none
  h2: Synced, version 2, synced version 2, outbox none
  h3: Synced, version 2, synced version 2, outbox none
  h4: Synced, version 2, synced version 2, outbox none
QBO: Hint After2, Hint After3, Hint After4, Hint Before1
