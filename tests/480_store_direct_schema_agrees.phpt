--TEST--
A new SQLite store is created at the current schema in one step, and it is the schema the migrations give: a store migrated step by step from empty (version 0, no qbosync table), and stores written by schema versions 1, 10, 11 and 12 migrated, have the same tables, columns (types, defaults, NOT NULL, keys), indexes (columns, expressions, partial conditions) and user_version as a new store; any difference is named
--SKIPIF--
<?php require_once __DIR__ . '/qbo.inc'; qbo_test_sqlite_only(); ?>
--FILE--
<?php
require __DIR__ . '/qbo.inc';
/* the options the fixtures' connection rows were made with */
$opts = ['environment' => 'http://127.0.0.1:9', 'client_id' => 'fixture-client', 'client_secret' => 's',
    'redirect_uri' => 'http://127.0.0.1/cb', 'encryption_key' => str_repeat('ab', 32), 'delivery' => 'worker'];

/* One store's schema as comparable lines: name => description. The SQL text
 * is normalised (identifier quotes that ALTER TABLE RENAME adds, white space),
 * each table's definition items sorted (the column order is in table_xinfo). */
function schema_of(string $path, array $skip = []): array
{
    $db = new PDO('sqlite:' . $path);
    $out = [];
    foreach (['user_version', 'encoding', 'auto_vacuum', 'journal_mode'] as $p) {
        $out["pragma $p"] = (string)$db->query("PRAGMA $p")->fetchColumn();
    }
    $norm = static function (?string $sql): string {
        $sql = preg_replace(['/"(\w+)"/', '/\s+/'], ['$1', ' '], (string)$sql);
        return trim(preg_replace(['/\(\s+/', '/\s+\)/', '/\s*,\s*/'], ['(', ')', ', '], $sql));
    };
    $items = static function (string $sql): string {
        /* CREATE TABLE name(item, item, ...) [options]: the items split at top-level commas, sorted */
        $open = strpos($sql, '(');
        $depth = 0;
        $parts = [];
        $cur = '';
        for ($i = $open + 1, $n = strlen($sql); $i < $n; $i++) {
            $c = $sql[$i];
            if ($c === '(') {
                $depth++;
            } elseif ($c === ')') {
                if ($depth === 0) {
                    break;
                }
                $depth--;
            } elseif ($c === ',' && $depth === 0) {
                $parts[] = trim($cur);
                $cur = '';
                continue;
            }
            $cur .= $c;
        }
        $parts[] = trim($cur);
        sort($parts);
        return substr($sql, 0, $open) . '(' . implode(', ', $parts) . ')' . substr($sql, $i + 1);
    };
    $rows = $db->query("SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY name")->fetchAll(PDO::FETCH_ASSOC);
    foreach ($rows as $r) {
        if (in_array($r['tbl_name'], $skip, true)) {
            continue;
        }
        $name = "{$r['type']} {$r['name']}";
        $sql = $norm($r['sql']);
        $out[$name] = "on {$r['tbl_name']}: " . ($r['type'] === 'table' ? $items($sql) : $sql);
        $q = $db->quote($r['name']);
        if ($r['type'] === 'table') {
            foreach ($db->query("SELECT cid, name, type, \"notnull\", dflt_value, pk, hidden FROM pragma_table_xinfo($q) ORDER BY cid") as $c) {
                $out["$name column {$c['cid']}"] = "{$c['name']} {$c['type']} notnull={$c['notnull']} default=" . var_export($c['dflt_value'], true)
                    . " pk={$c['pk']} hidden={$c['hidden']}";
            }
            $t = $db->query("SELECT type, ncol, wr, strict FROM pragma_table_list($q) WHERE schema = 'main'")->fetch(PDO::FETCH_ASSOC);
            $out["$name kind"] = "{$t['type']} ncol={$t['ncol']} without_rowid={$t['wr']} strict={$t['strict']}";
            $out["$name indexes"] = implode('; ', array_map(static fn ($i) => "{$i['name']} unique={$i['unique']} origin={$i['origin']} partial={$i['partial']}",
                $db->query("SELECT name, \"unique\", origin, partial FROM pragma_index_list($q) ORDER BY name")->fetchAll(PDO::FETCH_ASSOC)));
            $out["$name foreign keys"] = json_encode($db->query("SELECT * FROM pragma_foreign_key_list($q)")->fetchAll(PDO::FETCH_NUM));
        } elseif ($r['type'] === 'index') {
            $out["$name columns"] = implode('; ', array_map(static fn ($c) => "{$c['seqno']}:{$c['cid']}:" . ($c['name'] ?? 'expr')
                . " desc={$c['desc']} coll={$c['coll']} key={$c['key']}",
                $db->query("SELECT seqno, cid, name, \"desc\", coll, \"key\" FROM pragma_index_xinfo($q) ORDER BY seqno")->fetchAll(PDO::FETCH_ASSOC)));
        }
    }
    return $out;
}

/* Names every line where two schemas differ; "the same" when none. */
function compare(string $what, array $a, array $b): void
{
    $diff = [];
    foreach (array_unique(array_merge(array_keys($a), array_keys($b))) as $k) {
        if (($a[$k] ?? null) !== ($b[$k] ?? null)) {
            $diff[] = "  $k:\n    migrated: " . ($a[$k] ?? '(missing)') . "\n    new:      " . ($b[$k] ?? '(missing)');
        }
    }
    echo "$what: ", $diff ? "DIFFERS from a new store (a schema change without its schema_current change in qs_store_sqlite.c?)\n"
        . implode("\n", $diff) . "\n" : "the same as a new store\n";
}

/* a new store: created directly */
$new = qbo_test_store();
unset($c);
$c = qbo_connect(['store' => $new] + $opts);
unset($c);
$ref = schema_of($new);
$db = new PDO('sqlite:' . $new);
echo "new store: user_version ", $db->query('PRAGMA user_version')->fetchColumn(),
    ", ", count(array_filter(array_keys($ref), static fn ($k) => preg_match('/^table [^ ]+$/', $k))), " tables, ",
    count(array_filter(array_keys($ref), static fn ($k) => preg_match('/^index [^ ]+$/', $k))), " indexes",
    ", made in one step (its entity and outbox tables never renamed): ",
    str_contains($db->query("SELECT sql FROM sqlite_master WHERE name = 'entity'")->fetchColumn(), '"entity"')
        || str_contains($db->query("SELECT sql FROM sqlite_master WHERE name = 'outbox'")->fetchColumn(), '"outbox"') ? 'no' : 'yes', "\n";
unset($db);

/* from empty, every migration step: version 0 with a table of someone else's
 * (not a new store), so the steps run from step 1 */
$stepped = qbo_test_store();
$db = new PDO('sqlite:' . $stepped);
$db->exec('PRAGMA page_size=2048; CREATE TABLE scratch(x)');
unset($db);
$c = qbo_connect(['store' => $stepped] + $opts);
unset($c);
$db = new PDO('sqlite:' . $stepped);
echo "version 0 with a foreign table: user_version now ", $db->query('PRAGMA user_version')->fetchColumn(),
    ", rebuilt by the steps (entity renamed by step 12): ",
    str_contains($db->query("SELECT sql FROM sqlite_master WHERE name = 'entity'")->fetchColumn(), '"entity"') ? 'yes' : 'no', "\n";
unset($db);
compare('migrated from empty by every step', schema_of($stepped, ['scratch']), $ref);

/* stores older versions wrote */
foreach ([1, 10, 11, 12] as $v) {
    $old = qbo_test_store();
    $db = new PDO('sqlite:' . $old);
    $db->exec(file_get_contents(__DIR__ . "/fixtures/store-schema-$v.sql"));
    $before = (int)$db->query('PRAGMA user_version')->fetchColumn();
    unset($db);
    $c = qbo_connect(['store' => $old] + $opts);
    unset($c);
    $db = new PDO('sqlite:' . $old);
    echo "schema $before store: user_version ", $db->query('PRAGMA user_version')->fetchColumn(), " after opening\n";
    unset($db);
    compare("schema $before store migrated", schema_of($old), $ref);
}
?>
--EXPECT--
new store: user_version 13, 16 tables, 25 indexes, made in one step (its entity and outbox tables never renamed): yes
version 0 with a foreign table: user_version now 13, rebuilt by the steps (entity renamed by step 12): yes
migrated from empty by every step: the same as a new store
schema 1 store: user_version 13 after opening
schema 1 store migrated: the same as a new store
schema 10 store: user_version 13 after opening
schema 10 store migrated: the same as a new store
schema 11 store: user_version 13 after opening
schema 11 store migrated: the same as a new store
schema 12 store: user_version 13 after opening
schema 12 store migrated: the same as a new store
