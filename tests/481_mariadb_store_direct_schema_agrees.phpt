--TEST--
A new MariaDB store is created at the current schema directly, and it is the schema the migrations give: a store migrated step by step from empty (the meta table older versions made first, then every step) a creation stopped half-way and opened again, and the store of MariaDB schema 4 (tests/fixtures/mariadb-schema-4.sql) migrated have the same tables, each the same in SHOW CREATE TABLE (columns, types, defaults, keys, engine, collation), and the same schema version as a new store; any difference is named
--SKIPIF--
<?php require __DIR__ . '/mariadb.inc'; mdb_skip_unless_mariadb(); ?>
--INI--
qbosync.max_connections=0
--FILE--
<?php
require __DIR__ . '/qbo.inc';
/* (no engine cache: each qbo_connect opens its store) */
$opts = ['environment' => 'http://127.0.0.1:9', 'client_id' => 'fixture-client', 'client_secret' => 's',
    'redirect_uri' => 'http://127.0.0.1/cb', 'encryption_key' => str_repeat('ab', 32), 'delivery' => 'worker'];

function prefix_of(string $store): string
{
    parse_str((string)parse_url($store, PHP_URL_QUERY), $q);
    return $q['prefix'];
}

/* A store's schema: table => SHOW CREATE TABLE with the prefix as {p} and
 * the AUTO_INCREMENT counter left out; and the recorded schema version. */
function schema_of(string $store): array
{
    $none = '';
    $db = qbo_test_store_db($store, $none);
    $p = prefix_of($store);
    $out = [];
    $names = $db->query("SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE()"
        . " AND TABLE_NAME LIKE " . $db->quote(addcslashes($p, '_%\\') . '%') . " ORDER BY TABLE_NAME")->fetchAll(PDO::FETCH_COLUMN);
    foreach ($names as $t) {
        $sql = $db->query("SHOW CREATE TABLE `$t`")->fetch(PDO::FETCH_NUM)[1];
        $out['table ' . str_replace($p, '{p}', $t)] = preg_replace('/ AUTO_INCREMENT=\d+/', '', str_replace($p, '{p}', $sql));
    }
    $out['schema version'] = (string)$db->query("SELECT value FROM `{$p}meta` WHERE conn = '' AND name = 'schema'")->fetchColumn();
    return $out;
}

/* Names every table (and the version) where two schemas differ, with both lines that differ. */
function compare(string $what, array $a, array $b): void
{
    $diff = [];
    foreach (array_unique(array_merge(array_keys($a), array_keys($b))) as $k) {
        $x = $a[$k] ?? '(missing)';
        $y = $b[$k] ?? '(missing)';
        if ($x !== $y) {
            $lx = explode("\n", $x);
            $ly = explode("\n", $y);
            $diff[] = "  $k:\n    migrated only: " . implode("\n                   ", array_diff($lx, $ly))
                . "\n    new only:      " . implode("\n                   ", array_diff($ly, $lx));
        }
    }
    echo "$what: ", $diff ? "DIFFERS from a new store (a schema change without its schema_current change in qs_store_mysql.c?)\n"
        . implode("\n", $diff) . "\n" : "the same as a new store\n";
}

/* a new store: created directly */
$new = qbo_test_store();
$none = '';
$c = qbo_connect(['store' => $new] + $opts);
unset($c);
$ref = schema_of($new);
echo "new store: schema version {$ref['schema version']}, ", count($ref) - 1, " tables\n";

/* a creation stopped half-way (DDL commits by itself): tables made, the meta
 * table not yet; the next open creates what is missing */
$half = qbo_test_store();
$c = qbo_connect(['store' => $half] + $opts);
unset($c);
$db = qbo_test_store_db($half, $none);
$db->exec('DROP TABLE `' . prefix_of($half) . 'meta`, `' . prefix_of($half) . 'outbox`, `' . prefix_of($half) . 'flight_slot`');
unset($db);
$c = qbo_connect(['store' => $half] + $opts);
unset($c);
compare('creation stopped before outbox, flight_slot and meta, opened again', schema_of($half), $ref);

/* from empty, every step: the meta table older versions made before step 1
 * (name, value), without a version row */
$stepped = qbo_test_store();
qbo_test_store_db($stepped, $none)->exec('CREATE TABLE `' . prefix_of($stepped) . 'meta`(name VARCHAR(32) NOT NULL PRIMARY KEY,'
    . ' value BIGINT NOT NULL) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin');
$c = qbo_connect(['store' => $stepped] + $opts);
unset($c);
$got = schema_of($stepped);
echo "migrated from empty: schema version {$got['schema version']}\n";
compare('migrated from empty by every step', $got, $ref);

/* the store MariaDB schema 4 wrote */
$old = qbo_test_store();
$db = qbo_test_store_db($old, $none);
$dump = strtr(file_get_contents(__DIR__ . '/fixtures/mariadb-schema-4.sql'), ['qfx458_' => prefix_of($old)]);
foreach (preg_split('/;\n/', $dump, -1, PREG_SPLIT_NO_EMPTY) as $stmt) {
    if (trim($stmt) !== '') {
        $db->exec($stmt);
    }
}
echo "schema 4 store: schema version ", $db->query("SELECT value FROM `" . prefix_of($old) . "meta` WHERE conn = '' AND name = 'schema'")->fetchColumn(), "\n";
unset($db);
$c = qbo_connect(['store' => $old] + $opts);
unset($c);
compare('schema 4 store migrated', schema_of($old), $ref);
?>
--EXPECT--
new store: schema version 5, 16 tables
creation stopped before outbox, flight_slot and meta, opened again: the same as a new store
migrated from empty: schema version 5
migrated from empty by every step: the same as a new store
schema 4 store: schema version 4
schema 4 store migrated: the same as a new store
