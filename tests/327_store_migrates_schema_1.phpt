--TEST--
A store written by schema version 1 opens and migrates to the current version: its entities, states, outbox rows (with their order), mappings and hashes are kept, and the new tables take new records
--SKIPIF--
<?php require_once __DIR__ . '/qbo.inc'; qbo_test_sqlite_only(); ?>
--FILE--
<?php
require __DIR__ . '/engine.inc';
$store = qbo_test_store();
$db = new PDO('sqlite:' . $store);
$db->exec(file_get_contents(__DIR__ . '/fixtures/store-schema-1.sql'));
echo "before: user_version ", $db->query('PRAGMA user_version')->fetchColumn(), "\n";
unset($db);
/* the options the fixture's connection row was made with (its key comes from them) */
$opts = ['environment' => 'http://127.0.0.1:9', 'client_id' => 'fixture-client', 'client_secret' => 's',
    'redirect_uri' => 'http://127.0.0.1/cb', 'store' => $store, 'encryption_key' => str_repeat('ab', 32), 'delivery' => 'worker'];
$conn = qbo_connect($opts);
foreach (qbo_entities($conn) as $en) {
    printf("%s %s: %s, qbo_id %s, version %d, queued %s\n", $en['kind'], $en['id'], $en['state'],
        $en['qbo_id'] ?? '-', $en['version'], var_export($en['queued'], true));
}
echo "mapping item hosting -> ", qbo_mappings($conn, 'item')[0]['qbo_id'] ?? '?', "\n";
/* the stored hash still matches: an unchanged document records nothing new */
$st = qbo_push($conn, 'customer', ['id' => '17', 'first_name' => 'Jane', 'last_name' => 'Doe', 'email' => 'jane@example.com']);
echo "unchanged re-push of 17: version {$st['version']}, state {$st['state']}\n";
qbo_push($conn, 'customer', ['id' => '19', 'first_name' => 'New', 'last_name' => 'Row', 'email' => 'new@example.com']);
unset($conn);
$db = new PDO('sqlite:' . $store);
$fresh = qbo_test_store();
unset($c2);
$c2 = qbo_connect(['store' => $fresh] + $opts);
unset($c2);
$now = (int)(new PDO('sqlite:' . $fresh))->query('PRAGMA user_version')->fetchColumn();
echo "after: user_version ", (int)$db->query('PRAGMA user_version')->fetchColumn() === $now && $now >= 2 ? 'that of a new store' : 'old', "\n";
echo "entity: ", str_contains($db->query("SELECT sql FROM sqlite_master WHERE name = 'entity'")->fetchColumn(), 'WITHOUT ROWID') ? 'without rowid' : 'a rowid table',
    ", its key unique: ", $db->query("SELECT count(*) FROM pragma_index_list('entity') WHERE origin = 'pk' AND \"unique\" = 1")->fetchColumn() == 1 ? 'yes' : 'no', "\n";
echo "outbox in order: ", implode(', ', $db->query('SELECT seq || ":" || kind || " " || local_id FROM outbox ORDER BY seq')->fetchAll(PDO::FETCH_COLUMN)), "\n";
echo "waiting row: ", implode(' ', $db->query("SELECT status, wait_kind, wait_id FROM outbox WHERE local_id = '1042'")->fetch(PDO::FETCH_NUM)), "\n";
?>
--EXPECT--
before: user_version 1
customer 17: Synced, qbo_id 58, version 1, queued false
customer 18: Not Tried, qbo_id -, version 1, queued true
invoice 1042: Not Tried, qbo_id -, version 1, queued true
mapping item hosting -> 7
unchanged re-push of 17: version 1, state Synced
after: user_version that of a new store
entity: a rowid table, its key unique: yes
outbox in order: 2:customer 18, 3:invoice 1042, 4:customer 19
waiting row: waiting customer 18
