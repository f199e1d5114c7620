--TEST--
bin/qbosync store copy: SQLite -> MariaDB -> SQLite keeps every connection (tokens usable), entity, mapping, queued record, hook event, stored value, QuickBooks change, parked realm link and mapping, worker lock and history job, verified by counts; a non-empty target and a password in the URL are refused
--SKIPIF--
<?php require __DIR__ . '/mariadb.inc'; mdb_skip_unless_mariadb(); ?>
--FILE--
<?php
require __DIR__ . '/mariadb.inc';
require __DIR__ . '/cli.inc';
$sqlite = tempnam(sys_get_temp_dir(), 'qbocopy') . '.sqlite';
$back = tempnam(sys_get_temp_dir(), 'qboback') . '.sqlite';
register_shutdown_function(function () use ($sqlite, $back) {
    foreach ([$sqlite, $back] as $f) {
        foreach (['', '-wal', '-shm'] as $s) {
            @unlink($f . $s);
        }
    }
});
$fetch = new HookFetch(['GetClientsDetails' => fn($p) => hook_client((int)$p['clientid'])]);
[$conn, $realm, $opts] = qbo_test_connect(['store' => $sqlite, 'fetch' => $fetch]);
qbo_push($conn, 'customer', eng_customer('c1', 'Ann', 'Lee', 'ann@example.com'));   // inline: Synced
qbo_map($conn, 'payment_method', 'paypal', 'create');
$w = qbo_connect(['delivery' => 'worker'] + $opts);
qbo_push($w, 'customer', eng_customer('c2', 'Bo', 'Ray', 'bo@example.com'));       // queued
qbo_hook($w, 'ClientAdd', ['userid' => 41]);                                        // a hook event
$before = qbo_status($conn);
unset($conn, $w);
// a row in each table of the pull, realm-switch, worker and history features
$key = qbo_test_store_rows($sqlite, 'SELECT key FROM conn')[0]['key'];
qbo_test_store_exec($sqlite, "INSERT INTO meta(conn, name, value, at) VALUES(?, 'pull.watermark', '2026-01-02T03:04:05Z', 7.5)", [$key]);
qbo_test_store_exec($sqlite, "INSERT INTO qbo_event(conn, dedupe, realm, entity, qbo_id, operation, at, status, doc, created)"
    . " VALUES(?, 'd1', ?, 'Payment', '77', 'Void', '2026-01-02T03:04:05Z', 'done', '{\"amount\":\"1.00\"}', 8.5)", [$key, $realm]);
qbo_test_store_exec($sqlite, "INSERT INTO realm_link(conn, realm, kind, local_id, qbo_id, sync_token, state, synced_version)"
    . " VALUES(?, 'old-realm', 'customer', 'c9', '5', '0', 'Synced', 1)", [$key]);
qbo_test_store_exec($sqlite, "INSERT INTO realm_mapping(conn, realm, kind, local_id, purpose, qbo_id, name, created)"
    . " VALUES(?, 'old-realm', 'payment_method', 'card', '', '3', 'Card', 9)", [$key]);
qbo_test_store_exec($sqlite, "INSERT INTO worker_lock(conn, owner, host, pid, since, heartbeat, cancel) VALUES(?, 'p@h#1', 'h', 1, 1, 1, 0)", [$key]);
qbo_test_store_exec($sqlite, "INSERT INTO history_job(conn, id, state, job, started, updated) VALUES(?, 3, 'done', '{\"n\":1}', 1, 2)", [$key]);
$mdb = qbo_test_store();
$cfg = cli_config(array_diff_key($opts, ['fetch' => 1]));
[$rc, $out] = cli_run($cfg, ['store', 'copy', $sqlite, $mdb]);
echo "copy to MariaDB: rc $rc\n", $out;
$mv = qbo_test_store_rows($mdb, "SELECT value, at FROM meta WHERE conn = ? AND name = 'pull.watermark'", [$key])[0];
$ev = qbo_test_store_rows($mdb, "SELECT entity, operation, status, doc FROM qbo_event WHERE conn = ?", [$key])[0];
echo "on MariaDB: watermark {$mv['value']} at {$mv['at']}, event {$ev['entity']} {$ev['operation']} {$ev['status']} {$ev['doc']}\n";
$m = qbo_connect(['store' => $mdb, 'fetch' => $fetch, 'delivery' => 'worker'] + $opts);
$after = qbo_status($m);
echo "same status and counts: ", var_export($before['status'] === $after['status'] && $before['counts'] == $after['counts']
    && $before['queued'] === $after['queued'] && $before['realm'] === $after['realm'], true), "\n";
echo "mapping: ", count(qbo_mappings($m, 'payment_method')), "\n";
[$rc, $out] = cli_run($cfg, ['store', 'copy', $sqlite, $mdb]);
echo "again into the same target: rc $rc\n";
[$rc, $out, $err] = cli_run($cfg, ['store', 'copy', $sqlite, 'mysql://u:pw@127.0.0.1/x']);
echo "password in the URL: rc $rc, password shown: ", var_export(str_contains($out . $err, 'pw@'), true), "\n";
[$rc, $out] = cli_run($cfg, ['--json', 'store', 'copy', $mdb, $back]);
$j = json_decode($out, true);
echo "back to SQLite: rc $rc, verified ", var_export($j['verified'], true), ", entities {$j['tables']['entity']['to']}, hook events {$j['tables']['hook_event']['to']}\n";
echo "new tables back: ", implode(' ', array_map(fn($t) => "$t " . $j['tables'][$t]['to'], ['meta', 'qbo_event', 'realm_link', 'realm_mapping', 'worker_lock', 'history_job'])), "\n";
$r = qbo_sync($m);   // the copied tokens work: the queued record and the hook event are delivered
echo "sync on MariaDB: delivered {$r['delivered']}, errors {$r['errors']}\n";
$b = qbo_connect(['store' => $back] + $opts);
echo "the copy back: ", qbo_status($b)['status'], ", entities ", count(qbo_entities($b)), "\n";
?>
--EXPECTF--
copy to MariaDB: rc 0
conn:             1 copied,      1 in the target
oauth_state:      %d copied,      %d in the target
entity:           2 copied,      2 in the target
outbox:           1 copied,      1 in the target
mapping:          %d copied,      %d in the target
hook_event:       1 copied,      1 in the target
log:            %s
meta:             1 copied,      1 in the target
qbo_event:        1 copied,      1 in the target
realm_link:       1 copied,      1 in the target
realm_mapping:      1 copied,      1 in the target
worker_lock:      1 copied,      1 in the target
history_job:      1 copied,      1 in the target
verified: the counts agree
on MariaDB: watermark 2026-01-02T03:04:05Z at 7.5, event Payment Void done {"amount":"1.00"}
same status and counts: true
mapping: 1
again into the same target: rc 2
password in the URL: rc 2, password shown: false
back to SQLite: rc 0, verified true, entities 2, hook events 1
new tables back: meta 1 qbo_event 1 realm_link 1 realm_mapping 1 worker_lock 1 history_job 1
sync on MariaDB: delivered 2, errors 0
the copy back: Active, entities 2
