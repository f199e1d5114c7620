--TEST--
A store written by the previous schema (10, by that version's code: records Synced, queued and waiting, the limiter's slots, the exchange log) opens and migrates to the current version: its entities with their QBO Ids, versions and hashes, the outbox in order with its waiting row, the mappings and the log's exchanges (method, path, status) are kept; a new record and the current schema's columns work on it
--SKIPIF--
<?php require_once __DIR__ . '/qbo.inc'; qbo_test_sqlite_only('loads a SQLite dump written by schema 10'); ?>
--FILE--
<?php
require __DIR__ . '/engine.inc';
$store = qbo_test_store();
$db = new PDO('sqlite:' . $store);
$db->exec(file_get_contents(__DIR__ . '/fixtures/store-schema-10.sql'));
echo "before: user_version ", $db->query('PRAGMA user_version')->fetchColumn(), "\n";
unset($db);
/* the options the fixture's connection key was made from (environment and client_id) */
$opts = ['environment' => 'http://127.0.0.1:9', 'client_id' => QBO_TEST_CLIENT_ID, 'client_secret' => 's',
    'redirect_uri' => QBO_TEST_REDIRECT, 'store' => $store, 'encryption_key' => QBO_TEST_KEY, 'delivery' => 'worker'];
$conn = qbo_connect($opts);
foreach (qbo_entities($conn) as $en) {
    printf("%s %s: %s, qbo_id %s, version %d, queued %s%s\n", $en['kind'], $en['id'], $en['state'],
        $en['qbo_id'] ?? '-', $en['version'], var_export($en['queued'], true),
        $en['state'] === 'Waiting' ? ' (' . $en['reason'] . ')' : '');
}
$s = qbo_status($conn);
echo "status: {$s['status']}, realm {$s['realm']}, Synced {$s['counts']['Synced']}, Waiting {$s['counts']['Waiting']}\n";
foreach (qbo_mappings($conn) as $m) {
    echo "mapping {$m['kind']} {$m['local_id']} -> {$m['qbo_id']} ({$m['purpose']})\n";
}
/* the stored hashes still match: unchanged re-pushes record nothing */
$a = qbo_push($conn, 'customer', eng_customer('17', 'Jane', 'Doe', 'jane@example.com'));
$b = qbo_push($conn, 'invoice', eng_invoice('1041', '17', '30.00', 'F-1041'));
echo "unchanged re-push: customer 17 version {$a['version']} {$a['state']}, invoice 1041 version {$b['version']} {$b['state']}\n";
$c = qbo_push($conn, 'customer', eng_customer('21', 'New', 'Row', 'new@example.com'));
echo "new customer 21: version {$c['version']}, {$c['state']}, queued ", var_export($c['queued'], true), "\n";
$ex = array_filter(qbo_log($conn, ['limit' => 100]), fn($l) => ($l['method'] ?? null) === 'POST' && str_contains((string)($l['path'] ?? ''), '/batch'));
echo "the log's /batch exchanges kept: ", count($ex), ", each with status 200: ",
    var_export(count(array_filter($ex, fn($l) => (int)($l['status'] ?? 0) === 200)) === count($ex), true), "\n";
echo "Synced records listed by state: ", implode(', ', array_map(fn($e) => "{$e['kind']} {$e['id']}", qbo_entities($conn, ['state' => 'Synced']))), "\n";
unset($conn);
$fresh = qbo_test_store();
$c2 = qbo_connect(['store' => $fresh] + $opts);
unset($c2);
$now = (int)qbo_test_store_rows($fresh, 'PRAGMA user_version')[0]['user_version'];
$was = (int)qbo_test_store_rows($store, 'PRAGMA user_version')[0]['user_version'];
echo "after: user_version ", $was === $now && $now > 10 ? 'that of a new store' : "$was (a new store: $now)", "\n";
echo "outbox in order: ", implode(', ', array_map(fn($r) => "{$r['kind']} {$r['local_id']} {$r['status']}",
    qbo_test_store_rows($store, 'SELECT kind, local_id, status FROM outbox ORDER BY seq'))), "\n";
echo "the current schema's mapping columns: ", implode(', ', array_diff(array_column(qbo_test_store_rows($fresh, 'PRAGMA table_info(mapping)'), 'name'),
    array_column(qbo_test_store_rows($store, 'PRAGMA table_info(mapping)'), 'name'))) ?: 'all there', "\n";
?>
--EXPECT--
before: user_version 10
customer 17: Synced, qbo_id 4, version 1, queued false
customer 18: Synced, qbo_id 5, version 2, queued true
customer 20: Not Tried, qbo_id -, version 1, queued true
invoice 1041: Synced, qbo_id 1, version 1, queued false
invoice 1042: Waiting, qbo_id -, version 1, queued true (Waiting on customer 19)
item hosting: Synced, qbo_id 5, version 1, queued false
payment 2041: Synced, qbo_id 2, version 1, queued false
status: Active, realm 9341453100000105, Synced 5, Waiting 1
mapping account * -> 1 (income)
unchanged re-push: customer 17 version 1 Synced, invoice 1041 version 1 Synced
new customer 21: version 1, Not Tried, queued true
the log's /batch exchanges kept: 4, each with status 200: true
Synced records listed by state: customer 17, customer 18, invoice 1041, item hosting, payment 2041
after: user_version that of a new store
outbox in order: invoice 1042 waiting, customer 18 queued, customer 20 queued, customer 21 queued
the current schema's mapping columns: all there
