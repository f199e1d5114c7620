--TEST--
MariaDB store: the session's connection KILLed from another connection (between calls, and in the middle of a qbo_sync run) is reconnected and the work goes on: nothing fails, nothing goes to the spill file, every record is delivered exactly once
--SKIPIF--
<?php require __DIR__ . '/mariadb.inc'; mdb_skip_unless_mariadb(); ?>
--FILE--
<?php
require __DIR__ . '/mariadb.inc';
[$host, $port, $db] = mdb_server();
$root = new PDO("mysql:host=$host;port=$port;dbname=$db", 'qbosync', '', [PDO::ATTR_ERRMODE => PDO::ERRMODE_EXCEPTION]);
$user = 'kl' . bin2hex(random_bytes(3));
$root->exec("CREATE USER '$user'@'127.0.0.1' IDENTIFIED BY 'kill-Secret-1'");
$root->exec("GRANT ALL ON `$db`.* TO '$user'@'127.0.0.1'");
$url = "mysql://$user@$host:$port/$db?prefix=t" . bin2hex(random_bytes(5)) . '_';
$sessions = fn() => $root->query("SELECT id FROM information_schema.processlist WHERE user = '$user' ORDER BY id")->fetchAll(PDO::FETCH_COLUMN);
$kill = function () use ($root, $sessions) {
    $ids = $sessions();
    foreach ($ids as $id) {
        $root->exec("KILL CONNECTION $id");
    }
    return $ids;
};
[$conn, $realm, $opts] = qbo_test_connect(['store' => $url, 'store_password' => 'kill-Secret-1', 'delivery' => 'worker']);
$key = substr(hash('sha256', $opts['environment'] . "\n" . $opts['client_id']), 0, 32);
$spill = (getenv('TMPDIR') ?: '/tmp') . '/qbosync-spill-' . substr(hash('sha256', "$url\n$key"), 0, 24) . '.jsonl';
for ($k = 1; $k <= 3; $k++) {
    qbo_push($conn, 'customer', eng_customer("k$k", 'Kill', "Before$k", "k$k@example.com"));
}
$before = $kill();
echo "killed between calls: ", count($before), " connection(s)\n";
for ($k = 4; $k <= 6; $k++) {
    $s = qbo_push($conn, 'customer', eng_customer("k$k", 'Kill', "After$k", "k$k@example.com"));
    echo "push k$k after the kill: {$s['state']}, queued ", var_export($s['queued'], true), ", spilled ", var_export($s['spilled'] ?? false, true), "\n";
}
$now = $sessions();
echo "a new connection: ", var_export(count($now) === 1 && !in_array($now[0], $before), true), "\n";
$killedMid = 0;
$r = qbo_sync($conn, ['batch_size' => 1, 'progress' => function ($done) use ($kill, &$killedMid) {
    if ($done === 2 || $done === 4) {
        $killedMid += count($kill());   // the worker's connection dies in the middle of its run
    }
}]);
echo "sync with its connection killed twice mid-run (", $killedMid, " killed): delivered {$r['delivered']}, errors {$r['errors']}, remaining {$r['remaining']}\n";
$s = qbo_status($conn);
echo "store: Synced {$s['counts']['Synced']}, queued {$s['queued']}\n";
$m = [];
foreach (eng_qbo_all($realm, 'Customer') as $c) {
    $m[$c['PrimaryEmailAddr']['Address'] ?? ''] = ($m[$c['PrimaryEmailAddr']['Address'] ?? ''] ?? 0) + 1;
}
$bad = array_filter(range(1, 6), fn($k) => ($m["k$k@example.com"] ?? 0) !== 1);
echo "QBO: ", $bad ? 'missing or twice: ' . implode(',', $bad) : 'every record exactly once', "\n";
echo "spill file used: ", var_export(is_file($spill) && filesize($spill) > 0, true), "\n";
unset($conn);
foreach ($sessions() as $id) {
    $root->exec("KILL CONNECTION $id");
}
$root->exec("DROP USER '$user'@'127.0.0.1'");
?>
--EXPECT--
killed between calls: 1 connection(s)
push k4 after the kill: Not Tried, queued true, spilled false
push k5 after the kill: Not Tried, queued true, spilled false
push k6 after the kill: Not Tried, queued true, spilled false
a new connection: true
sync with its connection killed twice mid-run (2 killed): delivered 6, errors 0, remaining 0
store: Synced 6, queued 0
QBO: every record exactly once
spill file used: false
