--TEST--
A store written by schema version 12 (no index of the claims) opens and migrates to the current version: it gains outbox_claims, the partial index on outbox(conn, owner) of the rows 'sending' that the renewal of a process's claims' leases searches, the same index a new store has; its entities and outbox rows are kept and it records as before
--SKIPIF--
<?php require_once __DIR__ . '/qbo.inc'; qbo_test_sqlite_only('loads a SQLite dump written by schema 12'); ?>
--FILE--
<?php
require __DIR__ . '/engine.inc';
/* the index outbox_claims as sqlite_master holds it, its columns and whether it is partial */
function claims_index(string $store): string
{
    $db = new PDO('sqlite:' . $store);
    $sql = $db->query("SELECT sql FROM sqlite_master WHERE type = 'index' AND name = 'outbox_claims' AND tbl_name = 'outbox'")->fetchColumn();
    if ($sql === false) {
        return 'none';
    }
    $cols = implode(', ', $db->query("SELECT name FROM pragma_index_info('outbox_claims') ORDER BY seqno")->fetchAll(PDO::FETCH_COLUMN));
    $partial = $db->query("SELECT partial FROM pragma_index_list('outbox') WHERE name = 'outbox_claims'")->fetchColumn();
    return "$sql (columns $cols, partial $partial)";
}
$store = qbo_test_store();
$db = new PDO('sqlite:' . $store);
$db->exec(file_get_contents(__DIR__ . '/fixtures/store-schema-12.sql'));
echo "before: user_version ", $db->query('PRAGMA user_version')->fetchColumn(), ", outbox_claims: ", claims_index($store), "\n";
unset($db);
/* the options the fixture's connection row was made with (its key comes from them) */
$opts = ['environment' => 'http://127.0.0.1:9', 'client_id' => 'fixture-client', 'client_secret' => 's',
    'redirect_uri' => 'http://127.0.0.1/cb', 'store' => $store, 'encryption_key' => str_repeat('ab', 32), 'delivery' => 'worker'];
$conn = qbo_connect($opts);
foreach (qbo_entities($conn) as $en) {
    printf("%s %s: %s, version %d, queued %s\n", $en['kind'], $en['id'], $en['state'], $en['version'], var_export($en['queued'], true));
}
$st = qbo_push($conn, 'customer', ['id' => '17', 'first_name' => 'Jane', 'last_name' => 'Doe', 'email' => 'jane@example.com']);
echo "unchanged re-push of customer 17: version {$st['version']}, state {$st['state']}\n";
$st = qbo_push($conn, 'customer', eng_customer('19', 'New', 'Row', 'new@example.com'));
echo "new customer 19: version {$st['version']}, {$st['state']}, queued ", var_export($st['queued'], true), "\n";
unset($conn);
$db = new PDO('sqlite:' . $store);
echo "after: user_version ", $db->query('PRAGMA user_version')->fetchColumn(), "\n";
echo "outbox_claims: ", claims_index($store), "\n";
echo "outbox in order: ", implode(', ', $db->query("SELECT kind || ' ' || local_id || ' ' || status FROM outbox ORDER BY seq")->fetchAll(PDO::FETCH_COLUMN)), "\n";
echo "integrity_check: ", $db->query('PRAGMA integrity_check')->fetchColumn(), "\n";
unset($db);
$fresh = qbo_test_store();
$c2 = qbo_connect(['store' => $fresh] + $opts);
unset($c2);
echo "a new store's user_version: ", qbo_test_store_rows($fresh, 'PRAGMA user_version')[0]['user_version'],
    ", its outbox_claims the same: ", var_export(claims_index($fresh) === claims_index($store), true), "\n";
?>
--EXPECT--
before: user_version 12, outbox_claims: none
customer 17: Not Tried, version 1, queued true
customer 18: Not Tried, version 1, queued true
invoice 1042: Not Tried, version 1, queued true
unchanged re-push of customer 17: version 1, state Not Tried
new customer 19: version 1, Not Tried, queued true
after: user_version 13
outbox_claims: CREATE INDEX outbox_claims ON outbox(conn, owner) WHERE status = 'sending' (columns conn, owner, partial 1)
outbox in order: customer 17 queued, customer 18 queued, invoice 1042 queued, customer 19 queued
integrity_check: ok
a new store's user_version: 13, its outbox_claims the same: true
