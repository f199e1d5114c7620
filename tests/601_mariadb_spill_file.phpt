--TEST--
MariaDB store unreachable: qbo_hook (worker mode) never throws, the events go to the local spill file (on a lost connection, and in a process that opens the store while the server is down); once the server is back they are replayed into the store and delivered, each exactly once
--SKIPIF--
<?php require __DIR__ . '/mariadb.inc'; mdb_skip_unless_mariadb(); ?>
--FILE--
<?php
require __DIR__ . '/mariadb.inc';
$fetch = new HookFetch(['GetClientsDetails' => fn($p) => hook_client((int)$p['clientid'])]);
$port = mdb_free_port();
[, , $db] = mdb_server();
$url = "mysql://qbosync@127.0.0.1:$port/$db?prefix=t" . bin2hex(random_bytes(5)) . '_';
$relay = mdb_relay_start($port);
[$conn, $realm, $opts] = qbo_test_connect(['store' => $url, 'fetch' => $fetch, 'delivery' => 'worker']);
echo "connected: ", qbo_status($conn)['status'], "\n";
$key = substr(hash('sha256', $opts['environment'] . "\n" . $opts['client_id']), 0, 32);
$spill = (getenv('TMPDIR') ?: '/tmp') . '/qbosync-spill-' . substr(hash('sha256', "$url\n$key"), 0, 24) . '.jsonl';

mdb_relay_stop($relay);   // the database server goes away, with its connections
$s = qbo_hook($conn, 'ClientAdd', ['userid' => 31]);
echo "hook on a lost connection: {$s['state']}\n";
$code = 'require ' . var_export(__DIR__ . '/hook.inc', true) . ';'
    . '$o = json_decode(' . var_export(json_encode(array_diff_key($opts, ['fetch' => 1])), true) . ', true);'
    . 'try { $c = qbo_connect($o); $s = qbo_hook($c, "ClientAdd", ["userid" => 32]); echo $s["state"]; }'
    . ' catch (Throwable $e) { echo get_class($e), ": ", $e->getMessage(); }';
$out = shell_exec(escapeshellarg(PHP_BINARY) . ' -d extension=' . escapeshellarg(realpath(__DIR__ . '/../modules/qbosync.so'))
    . ' -r ' . escapeshellarg($code) . ' 2>&1');
echo "hook in a process that opened the store while the server was down: $out\n";
$lines = is_file($spill) ? file($spill, FILE_IGNORE_NEW_LINES | FILE_SKIP_EMPTY_LINES) : [];
echo "events in the spill file: ", count($lines), ", mode ", decoct(fileperms($spill) & 0777), "\n";
echo "inline qbo_push while down: ";
try {
    qbo_connect(['store' => $url, 'delivery' => 'inline'] + $opts);
    echo "no exception\n";
} catch (QboSync\StoreException $e) {
    echo "StoreException naming the server: ", var_export(str_contains($e->getMessage(), "127.0.0.1:$port"), true), "\n";
}

$relay = mdb_relay_start($port);   // back
usleep(1100000);                   // an unreachable server is tried again after a second
$r = qbo_sync($conn);
echo "sync after the return: delivered {$r['delivered']}\n";
clearstatcache();
echo "spill file emptied: ", var_export(filesize($spill) === 0, true), "\n";
foreach ([31, 32] as $id) {
    $e = qbo_entities($conn, ['kind' => 'customer', 'id' => (string)$id]);
    echo "customer $id: {$e[0]['state']}, in QBO: ", eng_qbo_count($realm, 'Customer', 'PrimaryEmailAddr.Address', "client$id@example.com"), "\n";
}
echo "log: ", count(array_filter(qbo_log($conn, ['type' => 'decision']), fn($l) => str_contains($l['message'], 'Replayed'))), " replay line(s)\n";
mdb_relay_stop($relay);
@unlink($spill);
?>
--EXPECT--
connected: Active
hook on a lost connection: Queued
hook in a process that opened the store while the server was down: Queued
events in the spill file: 2, mode 600
inline qbo_push while down: StoreException naming the server: true
sync after the return: delivered 2
spill file emptied: true
customer 31: Synced, in QBO: 1
customer 32: Synced, in QBO: 1
log: 1 replay line(s)
