--TEST--
A wave's outcomes are written the same whether the apply takes the claim's copy of each record (nothing wrote the store since the claim) or reads the rows again (another connection commits while every /batch is in flight): the same states, reasons, versions, attempts and outbox rows for a create, an update, a Synced invoice and an invoice Waiting on a customer never pushed
--FILE--
<?php
require __DIR__ . '/engine.inc';
/* one company and store per path; $busy: another connection commits (a log row) while the child syncs */
function drain(bool $busy): array
{
    [$conn, $realm, $opts] = qbo_test_connect(['delivery' => 'worker']);
    $store = $opts['store'];
    qbo_push($conn, 'customer', eng_customer('k2', 'Copy', 'Two', 'k2@example.com'));
    qbo_sync($conn);
    qbo_push($conn, 'customer', eng_customer('k2', 'Copy', 'Two Edited', 'k2@example.com'));
    qbo_push($conn, 'customer', eng_customer('k1', 'Copy', 'One', 'k1@example.com'));
    qbo_push($conn, 'invoice', eng_invoice('n1', 'k1', '12.50'));
    qbo_push($conn, 'invoice', eng_invoice('n2', 'ghost', '7.00'));
    $rule = qbo_test_fault(['kind' => 'slow', 'method' => 'POST', 'realm' => $realm,
        'path' => "/v3/company/$realm/batch", 'delay_ms' => $busy ? 700 : 1, 'count' => 2]);
    $child = eng_child_start(['opts' => $opts, 'mode' => 'sync']);
    $commits = 0;
    $exit = null;   /* proc_get_status reads the exit code once: proc_close then answers -1 */
    if ($busy) {
        $status = proc_get_status($child[0]);
        for ($end = microtime(true) + 300; $status['running'] && microtime(true) < $end; $status = proc_get_status($child[0])) {
            qbo_test_store_exec($store, "INSERT INTO log(conn, at, level, message) VALUES('another', ?, 'info', 'a commit')",
                [microtime(true)]);
            $commits++;
            usleep(50000);
        }
        $exit = $status['running'] ? null : $status['exitcode'];
    }
    [$code, $out] = eng_child_wait($child);
    $code = $exit ?? $code;
    qbo_test_http('DELETE', '/_sandbox/faults/' . $rule['id']);
    $r = json_decode(trim($out), true);
    $rows = [];
    foreach (qbo_test_store_rows($store, "SELECT e.kind, e.local_id, e.state, e.reason, e.version, e.synced_version,"
        . " e.attempts, e.create_rid, o.status, o.version AS q_version, o.attempts AS q_attempts, o.owner, o.claimed,"
        . " o.wait_kind, o.wait_id, e.qbo_id, e.sync_token FROM entity e"
        . " LEFT JOIN outbox o ON o.conn = e.conn AND o.kind = e.kind AND o.local_id = e.local_id"
        . " ORDER BY e.kind, e.local_id") as $row) {
        $rows[] = sprintf('%s %s: %s%s, version %d, synced %d, attempts %d, create_rid %s, QBO Id %s, SyncToken %s; outbox %s',
            $row['kind'], $row['local_id'], $row['state'], $row['reason'] !== null && $row['reason'] !== '' ? " ({$row['reason']})" : '',
            $row['version'], $row['synced_version'], $row['attempts'],
            $row['create_rid'] !== null && $row['create_rid'] !== '' ? 'kept' : 'none',
            $row['qbo_id'] !== null && $row['qbo_id'] !== '' ? 'set' : 'none', $row['sync_token'] ?? 'none',
            $row['status'] === null ? 'none' : "{$row['status']} version {$row['q_version']}, attempts {$row['q_attempts']}, owner "
                . ($row['owner'] === null || $row['owner'] === '' ? 'none' : 'set') . ', claimed ' . ($row['claimed'] > 0 ? 'set' : 'none')
                . ", waits on " . ($row['wait_kind'] ?? '-') . ' ' . ($row['wait_id'] ?? '-'));
    }
    return [$code, $r['delivered'] ?? null, $r['waiting'] ?? null, $commits, $rows];
}
[$code, $delivered, $waiting, , $quiet] = drain(false);
echo "quiet store: exit $code, delivered $delivered, waiting $waiting\n";
echo implode("\n", $quiet), "\n";
[$code, $delivered, $waiting, $commits, $busy] = drain(true);
echo "store committed to meanwhile: exit $code, delivered $delivered, waiting $waiting, other commits ",
    $commits >= 2 ? 'made' : "too few ($commits)", "\n";
echo $busy === $quiet ? "the same rows\n" : "rows differ:\n" . implode("\n", $busy) . "\n";
?>
--EXPECT--
quiet store: exit 0, delivered 3, waiting 1
customer k1: Synced, version 1, synced 1, attempts 1, create_rid none, QBO Id set, SyncToken 0; outbox none
customer k2: Synced, version 2, synced 2, attempts 2, create_rid none, QBO Id set, SyncToken 1; outbox none
invoice n1: Synced, version 1, synced 1, attempts 1, create_rid none, QBO Id set, SyncToken 0; outbox none
invoice n2: Waiting (Waiting on customer ghost), version 1, synced 0, attempts 0, create_rid none, QBO Id none, SyncToken none; outbox waiting version 1, attempts 0, owner none, claimed none, waits on customer ghost
store committed to meanwhile: exit 0, delivered 3, waiting 1, other commits made
the same rows
