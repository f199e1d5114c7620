--TEST--
MariaDB store: a lock-wait timeout is retried (another connection holds the company's row past the store's lock_wait=1: qbo_connect and qbo_push wait it out), and a deadlock whose victim is qbo_push's transaction is run again whole: the push succeeds, nothing of the rolled-back attempt stays, the record is delivered once; lock_wait is checked
--SKIPIF--
<?php require __DIR__ . '/mariadb.inc'; mdb_skip_unless_mariadb(); ?>
--FILE--
<?php
require __DIR__ . '/mariadb.inc';
[$conn, $realm, $opts] = qbo_test_connect(['delivery' => 'worker']);
$store = $opts['store'];
$key = qbo_test_store_rows($store, 'SELECT key FROM conn')[0]['key'];
$child = fn(string $st, array $doc) => eng_child_start(['opts' => ['store' => $st] + $opts, 'mode' => 'push', 'docs' => [['customer', $doc]]]);
$lockSql = 'SELECT key FROM conn WHERE key = ? FOR UPDATE';
$h = qbo_test_store_db($store, $lockSql);
parse_str(parse_url($store, PHP_URL_QUERY), $q);
$waiting = function (string $what) use ($h, $q) {   // another session's statement on this store's tables waits
    $st = $h->prepare("SELECT COUNT(*) FROM information_schema.processlist WHERE id <> CONNECTION_ID() AND info LIKE ?");
    for ($i = 0; $i < 1200; $i++) {
        $st->execute([str_replace('{p}', $q['prefix'], $what)]);
        if ($st->fetchColumn() > 0) {
            return true;
        }
        usleep(25000);
    }
    return false;
};

// 1: the company's row held for 2.5 s; the store waits at most 1 s a statement, then runs it again
$h->beginTransaction();
$h->prepare($lockSql)->execute([$key]);
$t = microtime(true);
$c = $child("$store&lock_wait=1", eng_customer('w1', 'Wait', 'Out', 'w1@example.com'));
echo "the child waits for the lock: ", var_export($waiting('%{p}conn%'), true), "\n";
usleep(2500000);
$h->commit();
[$code, $out, $err] = eng_child_wait($c);
echo "push past lock-wait timeouts: rc $code ", trim($out), $err, ", took more than the lock wait: ", var_export(microtime(true) - $t > 2.0, true), "\n";

// 2: a deadlock: d1 is recorded; another transaction (heavier: 200 rows written) holds d1's outbox row,
// qbo_push of a new version of d1 locks d1's entity row and waits for its outbox row, and the other
// transaction then asks for the entity row: the server rolls qbo_push's transaction back
$r0 = qbo_push($conn, 'customer', eng_customer('d1', 'Dead', 'Lock', 'd1-old@example.com'));
$deadlocks = fn() => (int)$h->query("SHOW GLOBAL STATUS LIKE 'Innodb_deadlocks'")->fetch(PDO::FETCH_NUM)[1];
$d0 = $deadlocks();
$h->beginTransaction();
$logSql = "INSERT INTO log(conn, at, level, message) VALUES('deadlock-test', ?, 'info', 'weight')";
qbo_test_store_db($store, $logSql);   // the SQL with the prefix
$ins = $h->prepare($logSql);
for ($i = 0; $i < 200; $i++) {
    $ins->execute([microtime(true)]);
}
$obSql = "SELECT seq FROM outbox WHERE conn = ? AND kind = 'customer' AND local_id = 'd1' FOR UPDATE";
qbo_test_store_db($store, $obSql);
$h->prepare($obSql)->execute([$key]);
$entSql = "SELECT state FROM entity WHERE conn = ? AND kind = 'customer' AND local_id = 'd1' FOR UPDATE";
qbo_test_store_db($store, $entSql);
$c = $child($store, eng_customer('d1', 'Dead', 'Lock', 'd1@example.com'));
echo "qbo_push waits on the record's row: ", var_export($waiting('%{p}entity%'), true), "\n";
try {
    $h->prepare($entSql)->execute([$key]);   // the cycle: the server ends one of the two
    echo "the other transaction: kept (qbo_push's was the victim)\n";
} catch (PDOException $e) {
    echo "the other transaction: rolled back ({$e->getCode()})\n";
}
$h->rollBack();
[$code, $out, $err] = eng_child_wait($c);
echo "deadlocks seen by the server: ", var_export($deadlocks() > $d0, true), "\n";
echo "push through the deadlock: rc $code ", trim($out), $err, "\n";
$row = qbo_test_store_rows($store, "SELECT state, doc FROM entity WHERE local_id = 'd1'")[0];
echo "stored: {$row['state']}, its own document: ", var_export(str_contains($row['doc'], 'd1@example.com'), true),
    ", other's rows left: ", qbo_test_store_rows($store, "SELECT COUNT(*) n FROM log WHERE conn = 'deadlock-test'")[0]['n'], "\n";
$r = qbo_sync($conn);
echo "sync: delivered {$r['delivered']}, errors {$r['errors']}; in QBO: w1 ", eng_qbo_count($realm, 'Customer', 'PrimaryEmailAddr.Address', 'w1@example.com'),
    ", d1 ", eng_qbo_count($realm, 'Customer', 'PrimaryEmailAddr.Address', 'd1@example.com'), "\n";
try {
    qbo_connect(['store' => "$store&lock_wait=0"] + $opts);
} catch (Throwable $e) {
    echo get_class($e), ": ", $e->getMessage(), "\n";
}
?>
--EXPECT--
the child waits for the lock: true
push past lock-wait timeouts: rc 0 {"kind":"customer","id":"w1","state":"Not Tried","queued":true}, took more than the lock wait: true
qbo_push waits on the record's row: true
the other transaction: kept (qbo_push's was the victim)
deadlocks seen by the server: true
push through the deadlock: rc 0 {"kind":"customer","id":"d1","state":"Not Tried","queued":true}
stored: Not Tried, its own document: true, other's rows left: 0
sync: delivered 2, errors 0; in QBO: w1 1, d1 1
QboSync\Exception: The store URL's lock_wait=0 is not 1 to 300 seconds
