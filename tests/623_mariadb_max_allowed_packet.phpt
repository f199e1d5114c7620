--TEST--
MariaDB store: a document larger than the server's max_allowed_packet is refused with a StoreException naming the record and the fix, before anything is sent: nothing of it is written, the connection stays usable, a smaller record goes through
--SKIPIF--
<?php require __DIR__ . '/mariadb.inc'; mdb_skip_unless_mariadb(); ?>
--CONFLICTS--
mariadb_global
--FILE--
<?php
require __DIR__ . '/mariadb.inc';
$opts = qbo_test_options(['delivery' => 'worker']);
$sql = 'SELECT @@global.max_allowed_packet';
$root = qbo_test_store_db($opts['store'], $sql);
$old = (int)$root->query($sql)->fetchColumn();
// sessions take the global value when they connect: 1 MiB for this store's connection only
$root->exec('SET GLOBAL max_allowed_packet = 1048576');
try {
    $conn = qbo_connect($opts);
} finally {
    $root->exec("SET GLOBAL max_allowed_packet = $old");
}
$lines = [];
for ($i = 1; $i <= 750; $i++) {
    $lines[] = ['item' => 'hosting', 'description' => "Line $i " . str_repeat('x', 2000), 'quantity' => '1', 'unit_price' => '1.00', 'amount' => '1.00'];
}
$big = eng_invoice('big1', 'c1', '750.00', 'BIG-1', ['lines' => $lines]);
try {
    qbo_push($conn, 'invoice', $big);
    echo "accepted\n";
} catch (QboSync\StoreException $e) {
    echo get_class($e), ": ", preg_replace('~\?prefix=\w+~', '?prefix=P', $e->getMessage()), "\n";
}
echo "written: entity ", count(qbo_test_store_rows($opts['store'], "SELECT 1 FROM entity WHERE local_id = 'big1'")),
    ", outbox ", count(qbo_test_store_rows($opts['store'], "SELECT 1 FROM outbox WHERE local_id = 'big1'")), "\n";
$s = qbo_push($conn, 'customer', eng_customer('c1', 'Small', 'Enough', 'c1@example.com'));
echo "a small record after it: {$s['state']}, queued ", var_export($s['queued'], true), "\n";
?>
--EXPECTF--
QboSync\StoreException: Too large for the qbosync store database mysql://qbosync@127.0.0.1:%d/qbosync?prefix=P while saving invoice big1: %d bytes, more than its max_allowed_packet (1048576); nothing of it was written: raise max_allowed_packet on the server (max_allowed_packet = 64M under [mysqld], or SET GLOBAL max_allowed_packet)
written: entity 0, outbox 0
a small record after it: Not Tried, queued true
