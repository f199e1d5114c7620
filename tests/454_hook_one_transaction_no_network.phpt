--TEST--
The hook path commits one transaction per event and sends nothing: in worker and in deferred mode, each qbo_push of a new record or a new version adds exactly one commit to the store's WAL (counted in the -wal file, which no push checkpoints) and no request reaches QBO; a refused document commits nothing; the deliverer then sends them all
--SKIPIF--
<?php require_once __DIR__ . '/qbo.inc'; qbo_test_sqlite_only('counts the commit frames of the SQLite WAL file'); ?>
--FILE--
<?php
require __DIR__ . '/engine.inc';
/* commit frames of the WAL's current generation (frame header: page, commit size, salts) */
function wal_commits(string $store): int
{
    $w = @file_get_contents($store . '-wal');
    if ($w === false || strlen($w) < 32) {
        return 0;
    }
    $page = unpack('N', $w, 8)[1];
    $salt = substr($w, 16, 8);
    $n = 0;
    for ($at = 32; $at + 24 + $page <= strlen($w); $at += 24 + $page) {
        if (substr($w, $at + 8, 8) !== $salt) {
            break;
        }
        $n += unpack('N', $w, $at + 4)[1] > 0 ? 1 : 0;
    }
    return $n;
}
foreach (['worker', 'deferred'] as $mode) {
    [$conn, $realm, $opts] = qbo_test_connect(['delivery' => $mode]);
    $store = $opts['store'];
    qbo_push($conn, 'customer', eng_customer('0', 'Warm', 'Up', 'warm@example.com'));   /* statements prepared */
    $c0 = wal_commits($store);
    $r0 = count(eng_requests($realm, '/v3/company/*'));
    for ($k = 1; $k <= 20; $k++) {
        qbo_push($conn, 'customer', eng_customer("$k", 'Hook', "Path $k", "hook$k@example.com"));
        qbo_push($conn, 'invoice', eng_invoice("i$k", "$k", '12.00', "H-$k"));
    }
    $c1 = wal_commits($store);
    for ($k = 1; $k <= 10; $k++) {
        qbo_push($conn, 'invoice', eng_invoice("i$k", "$k", '13.00', "H-$k"));   /* a new version each */
    }
    $c2 = wal_commits($store);
    try {
        qbo_push($conn, 'invoice', eng_invoice('bad', '1', '12.00', null, ['total' => '99.00']));
    } catch (QboSync\ValidationException $e) {
        echo "$mode: refused: ", get_class($e), "\n";
    }
    $c3 = wal_commits($store);
    $r1 = count(eng_requests($realm, '/v3/company/*'));
    echo "$mode: 40 new records: ", $c1 - $c0, " commits; 10 new versions: ", $c2 - $c1, " commits; the refused one: ",
        $c3 - $c2, "; requests to QBO meanwhile: ", $r1 - $r0, "\n";
    $r = qbo_sync($conn);
    $s = qbo_status($conn);
    echo "$mode: the deliverer: delivered {$r['delivered']}, errors {$r['errors']}; Synced {$s['counts']['Synced']}\n";
    unset($conn);
}
?>
--EXPECT--
worker: refused: QboSync\ValidationException
worker: 40 new records: 40 commits; 10 new versions: 10 commits; the refused one: 0; requests to QBO meanwhile: 0
worker: the deliverer: delivered 41, errors 0; Synced 41
deferred: refused: QboSync\ValidationException
deferred: 40 new records: 40 commits; 10 new versions: 10 commits; the refused one: 0; requests to QBO meanwhile: 0
deferred: the deliverer: delivered 41, errors 0; Synced 41
