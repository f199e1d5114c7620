--TEST--
A store written by schema version 11 (entity WITHOUT ROWID, 4 KiB pages) opens and migrates to the current version: its entities with their states, reasons and hashes, the outbox in order and the customer start date are kept, its page size stays, and it records and refuses as before; a new store has 2 KiB pages
--SKIPIF--
<?php require_once __DIR__ . '/qbo.inc'; qbo_test_sqlite_only(); ?>
--FILE--
<?php
require __DIR__ . '/engine.inc';
$store = qbo_test_store();
$db = new PDO('sqlite:' . $store);
$db->exec(file_get_contents(__DIR__ . '/fixtures/store-schema-11.sql'));
echo "before: user_version ", $db->query('PRAGMA user_version')->fetchColumn(), ", page size ", $db->query('PRAGMA page_size')->fetchColumn(),
    ", entity ", str_contains($db->query("SELECT sql FROM sqlite_master WHERE name = 'entity'")->fetchColumn(), 'WITHOUT ROWID') ? 'without rowid' : 'a rowid table', "\n";
$hashes = $db->query("SELECT kind || ' ' || local_id, hash FROM entity")->fetchAll(PDO::FETCH_KEY_PAIR);
unset($db);
/* the options the fixture's connection row was made with (its key comes from them) */
$opts = ['environment' => 'http://127.0.0.1:9', 'client_id' => 'fixture-client', 'client_secret' => 's',
    'redirect_uri' => 'http://127.0.0.1/cb', 'store' => $store, 'encryption_key' => str_repeat('ab', 32), 'delivery' => 'worker'];
$conn = qbo_connect($opts);
foreach (qbo_entities($conn) as $en) {
    printf("%s %s: %s%s, version %d, queued %s\n", $en['kind'], $en['id'], $en['state'],
        $en['reason'] ? ' (' . substr($en['reason'], 0, 50) . ')' : '', $en['version'], var_export($en['queued'], true));
}
/* unchanged documents record nothing new (the stored hashes still match) */
$st = qbo_push($conn, 'customer', ['id' => '17', 'first_name' => 'Jane', 'last_name' => 'Doe', 'email' => 'jane@example.com']);
echo "unchanged re-push of customer 17: version {$st['version']}, state {$st['state']}\n";
/* the start date of customer 18 still keeps its older invoices out */
$st = qbo_push($conn, 'invoice', ['id' => '1044', 'customer' => '18', 'number' => 'S11-3', 'date' => '2026-05-21', 'status' => 'unpaid',
    'lines' => [['item' => 'hosting', 'description' => 'Hosting', 'quantity' => '1', 'unit_price' => '6.00', 'amount' => '6.00']],
    'subtotal' => '6.00', 'tax_total' => '0.00', 'total' => '6.00']);
echo "new invoice of customer 18 before its start date: {$st['state']}\n";
$st = qbo_push($conn, 'customer', ['id' => '19', 'first_name' => 'New', 'last_name' => 'Row', 'email' => 'new@example.com']);
echo "new customer 19: {$st['state']}, queued ", var_export($st['queued'], true), "\n";
try {
    qbo_push($conn, 'customer', ['id' => '20', 'first_name' => 'No']);
    echo "refused: no\n";
} catch (QboSync\ValidationException $e) {
    echo "a document without email or name is still refused: ", get_class($e), "\n";
}
unset($conn);
$db = new PDO('sqlite:' . $store);
echo "after: user_version ", $db->query('PRAGMA user_version')->fetchColumn(), ", page size ", $db->query('PRAGMA page_size')->fetchColumn(),
    ", entity ", str_contains($db->query("SELECT sql FROM sqlite_master WHERE name = 'entity'")->fetchColumn(), 'WITHOUT ROWID') ? 'without rowid' : 'a rowid table', "\n";
$after = $db->query("SELECT kind || ' ' || local_id, hash FROM entity")->fetchAll(PDO::FETCH_KEY_PAIR);
echo "hashes kept: ", count(array_intersect_assoc($hashes, $after)) === count($hashes) ? 'all ' . count($hashes) : 'no', "\n";
echo "indexes: ", implode(',', $db->query("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'entity' ORDER BY name")->fetchAll(PDO::FETCH_COLUMN)), "\n";
echo "outbox in order: ", implode(', ', $db->query('SELECT kind || " " || local_id FROM outbox ORDER BY prio, seq')->fetchAll(PDO::FETCH_COLUMN)), "\n";
echo "integrity_check: ", $db->query('PRAGMA integrity_check')->fetchColumn(), "\n";
$fresh = qbo_test_options(['delivery' => 'worker']);
$c2 = qbo_connect($fresh);
qbo_push($c2, 'customer', eng_customer('1', 'Page', 'Size', 'p@example.com'));
unset($c2);
echo "a new store: page size ", (new PDO('sqlite:' . $fresh['store']))->query('PRAGMA page_size')->fetchColumn(), "\n";
?>
--EXPECT--
before: user_version 11, page size 4096, entity without rowid
customer 17: Not Tried, version 1, queued true
customer 18: Not Tried, version 1, queued true
invoice 1042: Not Tried, version 1, queued true
invoice 1043: Skipped (Dated 2026-05-20, before the start date 2026-06-01), version 1, queued false
unchanged re-push of customer 17: version 1, state Not Tried
new invoice of customer 18 before its start date: Skipped
new customer 19: Not Tried, queued true
a document without email or name is still refused: QboSync\ValidationException
after: user_version 13, page size 4096, entity a rowid table
hashes kept: all 4
indexes: entity_order,entity_qbo,entity_state,sqlite_autoindex_entity_1
outbox in order: customer 17, customer 18, customer 19, invoice 1042
integrity_check: ok
a new store: page size 2048
