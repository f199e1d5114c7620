--TEST--
MariaDB store unreachable: qbo_push never loses a document: in worker delivery it answers Not Tried with spilled true (no exception), inline it throws a StoreException saying the document is kept; the spill file keeps them in order and they are replayed once the server is back (a version recorded meanwhile by another process stays), delivered each exactly once
--SKIPIF--
<?php require __DIR__ . '/mariadb.inc'; mdb_skip_unless_mariadb(); ?>
--FILE--
<?php
require __DIR__ . '/mariadb.inc';
$port = mdb_free_port();
[, $direct, $db] = mdb_server();
$prefix = 't' . bin2hex(random_bytes(5)) . '_';
$url = "mysql://qbosync@127.0.0.1:$port/$db?prefix=$prefix";
$relay = mdb_relay_start($port);
[$conn, $realm, $opts] = qbo_test_connect(['store' => $url, 'delivery' => 'worker']);
$inline = qbo_connect(['delivery' => 'inline'] + $opts);
$key = substr(hash('sha256', $opts['environment'] . "\n" . $opts['client_id']), 0, 32);
$spill = (getenv('TMPDIR') ?: '/tmp') . '/qbosync-spill-' . substr(hash('sha256', "$url\n$key"), 0, 24) . '.jsonl';
@unlink($spill);
qbo_push($conn, 'customer', eng_customer('s1', 'Sue', 'Before', 's1@example.com'));   // queued before the outage

mdb_relay_stop($relay);   // the database server goes away, with its connections
foreach ([['s2', 'Sam', 'Down'], ['s1', 'Sue', 'During'], ['s4', 'Kim', 'Older']] as [$id, $first, $last]) {
    try {
        $s = qbo_push($conn, 'customer', eng_customer($id, $first, $last, "$id@example.com"));
        echo "worker push $id while down: {$s['state']}, queued ", var_export($s['queued'], true), ", spilled ", var_export($s['spilled'] ?? false, true), "\n";
    } catch (Throwable $e) {
        echo "worker push $id while down: ", get_class($e), ": ", $e->getMessage(), "\n";
    }
}
try {
    qbo_push($inline, 'customer', eng_customer('s3', 'Ian', 'Inline', 's3@example.com'));
    echo "inline push while down: no exception\n";
} catch (QboSync\StoreException $e) {
    echo "inline push while down: ", get_class($e), "\n  ", preg_replace(['~127\.0\.0\.1:\d+~', '~/\S+\.jsonl~', '~\?prefix=\w+~'],
        ['HOST:PORT', 'FILE', '?prefix=P'], $e->getMessage()), "\n";
}
$lines = array_map(fn($l) => json_decode($l, true), file($spill, FILE_IGNORE_NEW_LINES | FILE_SKIP_EMPTY_LINES));
echo "spill file: ", implode(' ', array_map(fn($l) => $l['push'] . ':' . $l['doc']['id'], $lines)), ", mode ", decoct(fileperms($spill) & 0777), "\n";

// another process, on the server directly, records a newer s4 while this host's copy waits
usleep(50000);
$other = qbo_connect(['store' => "mysql://qbosync@127.0.0.1:$direct/$db?prefix=$prefix", 'delivery' => 'worker'] + $opts);
qbo_push($other, 'customer', eng_customer('s4', 'Kim', 'Newer', 's4@example.com'));

$relay = mdb_relay_start($port);   // back
usleep(1100000);                   // an unreachable server is tried again after a second
$r = qbo_sync($conn);
echo "sync after the return: delivered {$r['delivered']}, errors {$r['errors']}\n";
clearstatcache();
echo "spill file emptied: ", var_export(filesize($spill) === 0, true), "\n";
$names = [];
foreach (eng_qbo_all($realm, 'Customer') as $c) {
    $names[$c['PrimaryEmailAddr']['Address'] ?? ''][] = $c['DisplayName'];
}
foreach (['s1', 's2', 's3', 's4'] as $id) {
    $e = qbo_entities($conn, ['kind' => 'customer', 'id' => $id]);
    echo "customer $id: {$e[0]['state']}, in QBO: ", implode(', ', $names["$id@example.com"] ?? ['none']), "\n";
}
$log = array_map(fn($l) => $l['message'], qbo_log($conn, ['limit' => 200]));
echo "log: ", implode(' | ', array_filter($log, fn($m) => str_contains($m, 'Replayed') || str_contains($m, 'Not replayed'))), "\n";
mdb_relay_stop($relay);
@unlink($spill);
?>
--EXPECTF--
worker push s2 while down: Not Tried, queued true, spilled true
worker push s1 while down: Not Tried, queued true, spilled true
worker push s4 while down: Not Tried, queued true, spilled true
inline push while down: QboSync\StoreException
  Customer s3 was not delivered: Cannot reach the qbosync store database mysql://qbosync@HOST:PORT/qbosync?prefix=P: %s; check that the MariaDB/MySQL server is running and reachable from this host, and the user, database and store_password (hook events are kept in the local spill file until it is back). It is kept in the local spill file FILE and recorded once the database is back (delivered by the next qbo_sync()); there is no need to push it again
spill file: customer:s2 customer:s1 customer:s4 customer:s3, mode 600
sync after the return: delivered 4, errors 0
spill file emptied: true
customer s1: Synced, in QBO: Sue During
customer s2: Synced, in QBO: Sam Down
customer s3: Synced, in QBO: Ian Inline
customer s4: Synced, in QBO: Kim Newer
log: Replayed 0 hook event(s) and 3 pushed document(s) kept in the spill file while the store was unreachable (some not replayed: see the records' log) | Not replayed from the spill file: a newer version was recorded while it was kept
