--TEST--
qbo_log filters: level (and above), kind + id, QBO code, intuit_tid, since/until, exchanges or decisions only, limit/offset paging, newest first; a /batch row names the records it carried; with the default log_bodies only failed exchanges keep their bodies; bad filters refused
--FILE--
<?php
require __DIR__ . '/engine.inc';
[$conn, $realm, $opts] = qbo_test_connect(['delivery' => 'worker']);
$t0 = time();
for ($i = 1; $i <= 3; $i++) {
    qbo_push($conn, 'customer', eng_customer("$i", "Filt$i", 'Er', "f$i@example.com"));
}
qbo_test_fault(['kind' => '500', 'realm' => $realm, 'method' => 'POST', 'path' => '/v3/company/*/batch', 'count' => 1]);
qbo_sync($conn);   // the batch fails once (code 10000) ...
for ($i = 1; $i <= 3; $i++) {
    qbo_resend($conn, 'customer', "$i");   // ... and is sent again
}
qbo_sync($conn);
foreach (qbo_entities($conn, ['kind' => 'customer']) as $e) {
    $states[$e['id']] = $e['state'];
}
ksort($states);
echo "states: ", json_encode($states), "\n";

$all = qbo_log($conn, ['limit' => 1000]);
$at = array_map(fn($r) => [$r['at'], $r['seq']], $all);
$sorted = $at;
usort($sorted, fn($a, $b) => [$b[0], $b[1]] <=> [$a[0], $a[1]]);
echo "newest first: ", var_export($at === $sorted, true), ", both types: ", implode(',', array_values(array_unique(array_merge(['exchange'], array_column($all, 'type'))))), "\n";

$batch = array_values(array_filter($all, fn($r) => $r['type'] === 'exchange' && str_ends_with(explode('?', $r['path'])[0], '/batch')));
$failed = array_values(array_filter($batch, fn($r) => $r['status'] === 500));
echo "batch rows: ", count($batch) >= 1 ? 'yes' : 'no', ", the failed one's records: ", $failed[0]['records'], ", kind: ", var_export($failed[0]['kind'], true), "\n";
$good = array_values(array_filter($all, fn($r) => $r['type'] === 'exchange' && $r['status'] === 200));
echo "failed batch: code ", $failed[0]['code'], ", bodies kept: ", var_export($failed[0]['request'] !== null && $failed[0]['response'] !== null, true),
    "; successful exchanges: ", count($good) >= 2 ? 'several' : count($good), ", bodies kept: ",
    count(array_filter($good, fn($r) => $r['request'] !== null || $r['response'] !== null)), "\n";

$ex = qbo_log($conn, ['type' => 'exchange', 'limit' => 1000]);
$de = qbo_log($conn, ['type' => 'decision', 'limit' => 1000]);
echo "exchanges + decisions = all: ", var_export(count($ex) + count($de) === count($all), true), ", only exchanges: ",
    var_export(!array_filter($ex, fn($r) => $r['method'] === null), true), ", only decisions: ", var_export(!array_filter($de, fn($r) => $r['method'] !== null), true), "\n";
$w = qbo_log($conn, ['level' => 'warn', 'limit' => 1000]);
echo "level warn: ", count($w) >= 1 ? 'rows' : 'none', ", none info: ", var_export(!in_array('info', array_column($w, 'level'), true), true),
    ", matches: ", var_export(count($w) === count(array_filter($all, fn($r) => $r['level'] !== 'info')), true), "\n";
$c = qbo_log($conn, ['code' => '10000']);
echo "code 10000: ", count($c), " row(s), the failed batch: ", var_export($c[0]['seq'] === $failed[0]['seq'], true), "\n";
$c = qbo_log($conn, ['code' => 10000, 'type' => 'decision']);
echo "code 10000 among decisions: ", count($c), "\n";
$t = qbo_log($conn, ['intuit_tid' => $good[0]['intuit_tid']]);
echo "by intuit_tid: ", count($t), " row, its seq: ", var_export($t[0]['seq'] === $good[0]['seq'], true), "\n";
echo "unknown intuit_tid: ", count(qbo_log($conn, ['intuit_tid' => 'nope'])), "\n";
$r = qbo_log($conn, ['kind' => 'customer', 'id' => '2', 'limit' => 1000]);
echo "customer 2: ", count($r) >= 1 ? 'rows' : 'none', ", all of it: ", var_export(!array_filter($r, fn($x) => $x['kind'] !== 'customer' || $x['id'] !== '2'), true),
    ", the same as filtering all: ", var_export(count($r) === count(array_filter($all, fn($x) => $x['kind'] === 'customer' && $x['id'] === '2')), true), "\n";
$k = qbo_log($conn, ['kind' => 'customer', 'limit' => 1000]);
echo "kind customer: ", var_export(count($k) === count(array_filter($all, fn($x) => $x['kind'] === 'customer')), true), "\n";
echo "since the future: ", count(qbo_log($conn, ['since' => time() + 3600])), ", until the start: ", count(qbo_log($conn, ['until' => $t0 - 3600])),
    ", since the start: ", var_export(count(qbo_log($conn, ['since' => gmdate('Y-m-d\TH:i:s\Z', $t0 - 60), 'limit' => 1000])) === count($all), true), "\n";
$p1 = qbo_log($conn, ['limit' => 3]);
$p2 = qbo_log($conn, ['limit' => 3, 'offset' => 3]);
echo "pages: ", var_export(array_merge($p1, $p2) === array_slice($all, 0, 6), true), "\n";

foreach ([['level' => 'debug'], ['type' => 'both'], ['offset' => -1], ['since' => 'not a date'], ['intuit_tid' => ''], ['since' => []], [0 => 'x']] as $f) {
    try {
        qbo_log($conn, $f);
        echo "accepted\n";
    } catch (Throwable $e) {
        echo get_class($e), ": ", $e->getMessage(), "\n";
    }
}
?>
--EXPECT--
states: {"1":"Synced","2":"Synced","3":"Synced"}
newest first: true, both types: exchange,decision
batch rows: yes, the failed one's records: customer 1, customer 2, customer 3, kind: NULL
failed batch: code 10000, bodies kept: true; successful exchanges: several, bodies kept: 0
exchanges + decisions = all: true, only exchanges: true, only decisions: true
level warn: rows, none info: true, matches: true
code 10000: 1 row(s), the failed batch: true
code 10000 among decisions: 0
by intuit_tid: 1 row, its seq: true
unknown intuit_tid: 0
customer 2: rows, all of it: true, the same as filtering all: true
kind customer: true
since the future: 0, until the start: 0, since the start: true
pages: true
ValueError: qbo_log(): Argument #2 ($filter) filter "level" must be "info", "warn" or "error" (that level and above)
ValueError: qbo_log(): Argument #2 ($filter) filter "type" must be "exchange" (QuickBooks exchanges only) or "decision" (the engine's decisions only)
ValueError: qbo_log(): Argument #2 ($filter) filter "offset" must be between 0 and 1000000000
ValueError: qbo_log(): Argument #2 ($filter) filter "since" must be a unix time or a date such as 2026-12-01T09:00:00Z, "not a date" given
ValueError: qbo_log(): Argument #2 ($filter) filter "intuit_tid" must be a non-empty text of at most 128 bytes
TypeError: qbo_log(): Argument #2 ($filter) filter "since" must be of type int|float|string, array given
ValueError: qbo_log(): Argument #2 ($filter) must contain only named filters (level, kind, id, code, intuit_tid, since, until, type, limit, offset)
