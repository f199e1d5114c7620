--TEST--
The hook path never checkpoints the store's WAL: 600 worker-mode pushes stay in the -wal file (the main file alone has no outbox row); the deliverer (qbo_sync) checkpoints them into the main file
--SKIPIF--
<?php require_once __DIR__ . '/qbo.inc'; qbo_test_sqlite_only(); ?>
--FILE--
<?php
require __DIR__ . '/engine.inc';
$opts = qbo_test_options(['delivery' => 'worker']);
$conn = qbo_connect($opts);
for ($i = 1; $i <= 600; $i++) {
    qbo_push($conn, 'customer', eng_customer("$i", 'Wal', "Customer $i", "wal$i@example.com"));
}
/* what a reader of the main database file alone sees (no -wal beside it) */
function main_file_outbox(string $store): int
{
    $copy = qbo_test_store();
    copy($store, $copy);
    $db = new PDO('sqlite:' . $copy);
    $has = (int)$db->query("SELECT count(*) FROM sqlite_master WHERE name = 'outbox'")->fetchColumn();
    $n = $has ? (int)$db->query('SELECT count(*) FROM outbox')->fetchColumn() : 0;
    unset($db);
    return $n;
}
echo "wal holds pages: ", filesize($opts['store'] . '-wal') > 600 * 1024 ? 'yes' : 'no', "\n";
echo "main file outbox rows after the pushes: ", main_file_outbox($opts['store']), "\n";
try {
    qbo_sync($conn);
} catch (QboSync\AuthException $e) {
    echo "sync: ", get_class($e), " (not connected yet), queued: ", qbo_status($conn)['queued'], "\n";
}
echo "main file outbox rows after the deliverer's pass: ", main_file_outbox($opts['store']), "\n";
?>
--EXPECT--
wal holds pages: yes
main file outbox rows after the pushes: 0
sync: QboSync\AuthException (not connected yet), queued: 600
main file outbox rows after the deliverer's pass: 600
