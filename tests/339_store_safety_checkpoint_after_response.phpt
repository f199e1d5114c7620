--TEST--
Past the WAL's safety limit (8,192 pages) a push still does not checkpoint: 1,000 worker-mode invoice pushes in one request with nobody delivering leave every outbox row in the -wal file (the main file alone has none) and the WAL under its hard limit; the deliverer's pass checkpoints all 1,000 into the main file
--SKIPIF--
<?php require_once __DIR__ . '/qbo.inc'; qbo_test_sqlite_only(); ?>
--FILE--
<?php
require __DIR__ . '/engine.inc';
$opts = qbo_test_options(['delivery' => 'worker']);
$conn = qbo_connect($opts);
$queued = 0;
for ($i = 1; $i <= 1000; $i++) {
    $r = qbo_push($conn, 'invoice', eng_invoice("w$i", 'c' . ($i % 50), '12.50', "W-$i"));
    $queued += $r['queued'] ? 1 : 0;
}
echo "pushes answered queued: $queued\n";
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
$wal = filesize($opts['store'] . '-wal');
$frame = 2048 + 24;
echo "WAL past the safety limit: ", $wal > 8192 * $frame ? 'yes' : 'no', "\n";
echo "WAL under the hard limit: ", $wal < 2 * 8192 * $frame ? 'yes' : 'no', "\n";
echo "main file outbox rows after the pushes: ", main_file_outbox($opts['store']), "\n";
try {
    qbo_sync($conn);
} catch (QboSync\AuthException $e) {
    echo "sync: ", get_class($e), " (not connected yet), queued: ", qbo_status($conn)['queued'], "\n";
}
echo "main file outbox rows after the deliverer's pass: ", main_file_outbox($opts['store']), "\n";
?>
--EXPECT--
pushes answered queued: 1000
WAL past the safety limit: yes
WAL under the hard limit: yes
main file outbox rows after the pushes: 0
sync: QboSync\AuthException (not connected yet), queued: 1000
main file outbox rows after the deliverer's pass: 1000
