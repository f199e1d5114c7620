<?php
/*
 * bench/renew.php [N] [ROWS] [CLAIMS]: the renewal of a delivering process's
 * claims' leases (sq_claims_renew) with ROWS outbox rows (default 30,000), of
 * which CLAIMS (default 20, a /batch) are 'sending' by this process and as many
 * by another: N renewals (default 1,000), each the store's transaction (BEGIN
 * IMMEDIATE, the three UPDATEs of S_RENEW_CLAIMS, S_RENEW_WORKER and
 * S_RENEW_FLIGHT, COMMIT) run through PDO on a store the extension created, so
 * with the extension's schema and indexes. Prints the query plan of the claims'
 * UPDATE, the rows it renewed and the time per renewal. The statement texts are
 * copies of those in ext/core/qs_store_sqlite.c.
 *   bench/run renew 1000 30000 20
 */
$n = (int)($argv[1] ?? 1000);
$rows = (int)($argv[2] ?? 30000);
$claims = (int)($argv[3] ?? 20);
$root = sys_get_temp_dir() . '/qbosync-bench-renew-' . getmypid();
mkdir($root);
$store = "$root/store.sqlite";
register_shutdown_function(static function () use ($root) {
    array_map('unlink', glob("$root/*"));
    rmdir($root);
});
$c = qbo_connect(['environment' => getenv('QBO_SANDBOX_URL') ?: 'sandbox', 'client_id' => 'bench-renew',
    'client_secret' => 'bench-secret', 'encryption_key' => str_repeat('ab', 32), 'store' => $store, 'delivery' => 'worker']);
$db = new PDO("sqlite:$store");
$db->exec('PRAGMA busy_timeout = 5000; PRAGMA synchronous = NORMAL');   /* the store's default durability (process) */
$key = $db->query('SELECT key FROM conn')->fetchColumn();
$owner = 'bench-host/4242/1a2b';
$other = 'bench-host/4343/1a2b';
$now = microtime(true);
$db->beginTransaction();
$ins = $db->prepare('INSERT INTO outbox(conn, kind, local_id, status, version, next_try, owner, claimed, prio, created)'
    . ' VALUES(?, ?, ?, ?, 1, ?, ?, ?, 9, ?)');
for ($i = 0; $i < $rows; $i++) {
    [$status, $who] = $i < $claims ? ['sending', $owner] : ($i < 2 * $claims ? ['sending', $other] : ['queued', null]);
    $ins->execute([$key, 'invoice', (string)$i, $status, $now, $who, $who ? $now : 0, $now]);
}
$db->exec("INSERT INTO worker_lock(conn, owner, host, pid, since, heartbeat) VALUES(" . $db->quote($key) . ", 'bench-host/4242', 'bench-host', 4242, $now, $now)");
$db->exec("INSERT INTO flight_slot(conn, slot, owner, until) VALUES(" . $db->quote($key) . ", 0, 'bench-host/4242', $now)");
$db->commit();
unset($c);

$renew = [
    [$db->prepare("UPDATE outbox SET claimed = ?3 WHERE conn = ?1 AND owner = ?2 AND status = 'sending'"), $owner],
    [$db->prepare('UPDATE worker_lock SET heartbeat = ?3 WHERE conn = ?1 AND owner = ?2'), 'bench-host/4242'],
    [$db->prepare('UPDATE flight_slot SET until = ?3 WHERE conn = ?1 AND owner = ?2 AND until < ?3'), 'bench-host/4242'],
];
$plan = $db->prepare("EXPLAIN QUERY PLAN UPDATE outbox SET claimed = ?3 WHERE conn = ?1 AND owner = ?2 AND status = 'sending'");
$plan->execute([$key, $owner, $now]);
echo "plan of the claims' renewal: ", implode('; ', array_column($plan->fetchAll(PDO::FETCH_ASSOC), 'detail')), "\n";
echo "outbox indexes: ", implode(', ', $db->query("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'outbox' ORDER BY name")->fetchAll(PDO::FETCH_COLUMN)), "\n";

$renewed = 0;
$t = hrtime(true);
for ($i = 0; $i < $n; $i++) {
    $at = $now + 1 + $i;
    $db->exec('BEGIN IMMEDIATE');
    foreach ($renew as $j => [$st, $who]) {
        $st->execute([$key, $who, $at]);
        if ($j === 0) {
            $renewed = $st->rowCount();
        }
    }
    $db->exec('COMMIT');
}
$ms = (hrtime(true) - $t) / 1e6;
printf("%d renewals with %d outbox rows (%d claims of this process, %d of another): %.1f ms, %.3f ms per renewal; claims renewed by the last: %d\n",
    $n, $rows, $claims, $claims, $ms, $ms / $n, $renewed);
