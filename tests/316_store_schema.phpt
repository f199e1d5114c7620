--TEST--
The store: WAL journal, schema version in user_version, its tables; a store written by a newer schema is refused with a StoreException that says so
--SKIPIF--
<?php require_once __DIR__ . '/qbo.inc'; qbo_test_sqlite_only(); ?>
--FILE--
<?php
require __DIR__ . '/engine.inc';
$opts = qbo_test_options(['delivery' => 'worker']);
$conn = qbo_connect($opts);
qbo_push($conn, 'customer', eng_customer('1', 'Sch', 'Ema', 's@example.com'));
$db = new PDO('sqlite:' . $opts['store']);
echo "journal: ", $db->query('PRAGMA journal_mode')->fetchColumn(), "\n";
printf("file mode: %o, wal mode: %o\n", fileperms($opts['store']) & 0777, fileperms($opts['store'] . '-wal') & 0777);
echo "user_version: ", $db->query('PRAGMA user_version')->fetchColumn(), "\n";
echo "tables: ", implode(',', $db->query("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")->fetchAll(PDO::FETCH_COLUMN)), "\n";
$row = $db->query("SELECT o.status, o.version, e.state FROM outbox o JOIN entity e USING (conn, kind, local_id)")->fetch(PDO::FETCH_ASSOC);
echo "recorded: outbox {$row['status']} v{$row['version']}, entity {$row['state']}\n";
unset($conn);
$other = qbo_test_store();
$db2 = new PDO('sqlite:' . $other);
$db2->exec('PRAGMA user_version = 99');
unset($db2);
try {
    qbo_connect(['store' => $other] + $opts);
    echo "opened\n";
} catch (QboSync\StoreException $e) {
    echo get_class($e), ": ", str_contains($e->getMessage(), 'newer') ? 'says newer' : $e->getMessage(), "\n";
}
?>
--EXPECT--
journal: wal
file mode: 600, wal mode: 600
user_version: 13
tables: conn,entity,flight_slot,history_job,hook_event,log,mapping,meta,oauth_state,outbox,qbo_event,rate_slot,realm_link,realm_mapping,worker_lock
recorded: outbox queued v1, entity Not Tried
QboSync\StoreException: says newer
