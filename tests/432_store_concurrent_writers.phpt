--TEST--
Three processes push into one SQLite store at the same time (their WAL commits interleave, each written in one call): every push of each is in the store afterwards, once, with its own document, and the file passes integrity_check
--SKIPIF--
<?php require_once __DIR__ . '/qbo.inc'; qbo_test_sqlite_only('the WAL file layer is the SQLite backend\'s'); ?>
--FILE--
<?php
require __DIR__ . '/engine.inc';
$opts = qbo_test_options(['delivery' => 'worker']);
$n = 1000;
$child = <<<'PHP'
<?php
[$opts, $w, $n, $go] = [json_decode($argv[1], true), $argv[2], (int)$argv[3], $argv[5]];
require $argv[4];
$conn = qbo_connect($opts);
/* started: wait until all three writers are, so that their pushes overlap
 * however slowly each process starts (under valgrind, seconds apart) */
touch("$go.$w");
for ($t = 0; !file_exists($go) && $t < 120000; $t++) {
    usleep(1000);
}
for ($i = 1; $i <= $n; $i++) {
    $docs = [['customer', eng_customer("$w$i", 'Writer', strtoupper($w) . " $i", "$w$i@example.com", ['company' => str_repeat($w, 40 + $i % 50)])]];
    if ($i % 10 === 0) {
        $docs[] = ['invoice', eng_invoice("inv-$w$i", "$w$i", sprintf('%d.00', $i), "W-$w$i")];
    }
    foreach ($docs as [$kind, $doc]) {
        $st = qbo_push($conn, $kind, $doc);
        echo json_encode(['id' => $st['id'], 'queued' => $st['queued']]), "\n";
    }
    /* a pause between pushes, as between a billing system's requests: a push
     * holds the write lock for most of its few microseconds, and without a gap
     * the others' busy waits (1 ms and more) rarely find it free */
    usleep(200);
}
PHP;
$script = tempnam(sys_get_temp_dir(), 'qbo432') . '.php';
file_put_contents($script, $child);
$go = $script . '.go';
$children = [];
foreach (['a', 'b', 'c'] as $w) {
    $cmd = array_merge(eng_php_command(), [$script, json_encode($opts), $w, (string)$n, __DIR__ . '/engine.inc', $go]);
    $p = proc_open($cmd, [1 => ['pipe', 'w'], 2 => ['pipe', 'w']], $pipes);
    $children[$w] = [$p, $pipes];
}
/* the writers start pushing together, once each has connected */
for ($t = 0; $t < 120000 && count(array_filter(['a', 'b', 'c'], fn($w) => file_exists("$go.$w"))) < 3; $t++) {
    usleep(1000);
}
touch($go);
foreach ($children as $w => $child) {
    [$code, $out, $err] = eng_child_wait($child);
    $lines = array_filter(explode("\n", trim($out)));
    $queued = count(array_filter($lines, fn($l) => (json_decode($l, true)['queued'] ?? false) === true));
    echo "writer $w: exit $code, ", count($lines), " pushes answered, $queued queued", $err !== '' ? " ($err)" : '', "\n";
}
$rows = qbo_test_store_rows($opts['store'], "SELECT kind, local_id, doc FROM entity ORDER BY kind, local_id");
$ok = 0;
foreach ($rows as $r) {
    $d = json_decode($r['doc'], true);
    if ($r['kind'] === 'customer' && ($d['company'] ?? '') === str_repeat($r['local_id'][0], 40 + (int)substr($r['local_id'], 1) % 50)) {
        $ok++;
    } elseif ($r['kind'] === 'invoice' && ($d['customer'] ?? '') === substr($r['local_id'], 4)) {
        $ok++;
    }
}
echo "entities: ", count($rows), ", each with its own document: ", $ok === count($rows) ? 'yes' : "no ($ok)", "\n";
$order = array_column(qbo_test_store_rows($opts['store'], "SELECT local_id FROM outbox WHERE kind = 'customer' ORDER BY seq"), 'local_id');
$switches = 0;
for ($i = 1; $i < count($order); $i++) {
    $switches += $order[$i][0] !== $order[$i - 1][0] ? 1 : 0;
}
echo "the writers' commits interleaved: ", $switches > 10 ? 'yes' : "no ($switches switches)", "\n";
echo "outbox rows: ", qbo_test_store_rows($opts['store'], "SELECT count(*) AS n FROM outbox")[0]['n'], "\n";
echo "integrity_check: ", qbo_test_store_rows($opts['store'], 'PRAGMA integrity_check')[0]['integrity_check'], "\n";
array_map('unlink', glob("$go*"));
@unlink($script);
@unlink(substr($script, 0, -4));
?>
--EXPECT--
writer a: exit 0, 1100 pushes answered, 1100 queued
writer b: exit 0, 1100 pushes answered, 1100 queued
writer c: exit 0, 1100 pushes answered, 1100 queued
entities: 3300, each with its own document: yes
the writers' commits interleaved: yes
outbox rows: 3300
integrity_check: ok
