--TEST--
The SQLite store writes a commit's WAL frames together: each qbo_push is in the store (another connection reads it) when it returns and survives a SIGKILL right after, under both durabilities; a transaction larger than one gathered write (a 750-line invoice) reads back whole; the file passes integrity_check
--SKIPIF--
<?php require_once __DIR__ . '/qbo.inc'; qbo_test_sqlite_only('the WAL file layer is the SQLite backend\'s'); ?>
--FILE--
<?php
require __DIR__ . '/engine.inc';
$child = <<<'PHP'
<?php
[$_, $opts] = [null, json_decode($argv[1], true)];
$conn = qbo_connect($opts);
$db = new PDO('sqlite:' . $opts['store']);   /* another connection, as a worker process would have */
$read = $db->prepare("SELECT e.doc, o.status FROM entity e JOIN outbox o USING (conn, kind, local_id) WHERE e.kind = 'customer' AND e.local_id = ?");
for ($i = 1; $i <= 100000; $i++) {
    $s = qbo_push($conn, 'customer', ['id' => "c$i", 'first_name' => 'Wal', 'last_name' => "Frame $i", 'email' => "w$i@example.com",
        'company' => str_repeat('Gathered ', 10)]);
    $read->execute(["c$i"]);
    $row = $read->fetch(PDO::FETCH_ASSOC);
    $read->closeCursor();
    $seen = $row && json_decode($row['doc'], true)['last_name'] === "Frame $i" && $row['status'] === 'queued';
    echo "c$i ", $s['state'], $seen ? ' seen' : ' NOT SEEN', "\n";
}
PHP;
$script = tempnam(sys_get_temp_dir(), 'qbo430') . '.php';
file_put_contents($script, $child);
foreach (['process', 'power'] as $durability) {
    $opts = qbo_test_options(['delivery' => 'worker']);
    $cmd = array_merge(eng_php_command(), ['-d', "qbosync.durability=$durability", $script, json_encode($opts)]);
    $p = proc_open($cmd, [1 => ['pipe', 'w'], 2 => ['pipe', 'w']], $pipes);
    $printed = [];
    $bad = [];
    while (count($printed) < 60 && ($line = fgets($pipes[1])) !== false) {
        [$id, $rest] = explode(' ', trim($line), 2) + [1 => ''];
        $printed[] = $id;
        if ($rest !== 'Not Tried seen') {
            $bad[] = "$id: $rest";
        }
    }
    posix_kill(proc_get_status($p)['pid'], SIGKILL);   /* right after a return, or inside the next push */
    stream_get_contents($pipes[1]);
    $err = stream_get_contents($pipes[2]);
    proc_close($p);
    $stored = array_column(qbo_test_store_rows($opts['store'], "SELECT e.local_id, o.status FROM entity e JOIN outbox o USING (conn, kind, local_id) WHERE e.kind = 'customer'"), 'status', 'local_id');
    $missing = array_filter($printed, fn($id) => ($stored[$id] ?? null) !== 'queued');
    echo "$durability: pushed and printed >= 60: ", var_export(count($printed) >= 60, true), ", each seen by another connection at once: ",
        $bad ? implode('; ', $bad) . $err : 'yes', ", after SIGKILL every printed one stored and queued: ",
        $missing ? 'missing ' . implode(',', $missing) : 'yes', "\n";
    echo "$durability: integrity_check: ", qbo_test_store_rows($opts['store'], 'PRAGMA integrity_check')[0]['integrity_check'], "\n";
}
@unlink($script);
@unlink(substr($script, 0, -4));

/* one transaction of ~40 pages (more than one gathered write): read back whole, by this and by another connection */
$opts = qbo_test_options(['delivery' => 'worker']);
$conn = qbo_connect($opts);
$lines = [];
for ($l = 1; $l <= 750; $l++) {
    $lines[] = ['item' => "item$l", 'description' => "Line $l of a long invoice: " . str_repeat('one transaction, many pages; ', 4), 'quantity' => '1', 'unit_price' => '1.00', 'amount' => '1.00'];
}
$s = qbo_push($conn, 'invoice', eng_invoice('big', 'c1', '750.00', 'BIG-1', ['lines' => $lines, 'subtotal' => '750.00', 'total' => '750.00']));
echo "big invoice: ", $s['state'], "\n";
$doc = json_decode(qbo_test_store_rows($opts['store'], "SELECT doc FROM entity WHERE kind = 'invoice' AND local_id = 'big'")[0]['doc'], true);
echo "read back by another connection: ", count($doc['lines']), " lines, the last ", rtrim(substr($doc['lines'][749]['description'], 0, 32)), ", ", strlen(json_encode($doc)) > 100000 ? 'over 100 kB' : 'under 100 kB', "\n";
unset($conn);
$conn = qbo_connect($opts);
$e = qbo_entities($conn, ['kind' => 'invoice', 'id' => 'big']);
echo "reopened: ", $e[0]['state'] ?? '?', ", version ", $e[0]['version'] ?? '?', "\n";
echo "integrity_check: ", qbo_test_store_rows($opts['store'], 'PRAGMA integrity_check')[0]['integrity_check'], "\n";
?>
--EXPECT--
process: pushed and printed >= 60: true, each seen by another connection at once: yes, after SIGKILL every printed one stored and queued: yes
process: integrity_check: ok
power: pushed and printed >= 60: true, each seen by another connection at once: yes, after SIGKILL every printed one stored and queued: yes
power: integrity_check: ok
big invoice: Not Tried
read back by another connection: 750 lines, the last Line 750 of a long invoice: one, over 100 kB
reopened: Not Tried, version 1
integrity_check: ok
