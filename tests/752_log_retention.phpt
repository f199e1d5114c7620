--TEST--
Log retention: the deliverer (qbo_sync) removes log rows older than log_retention days (in batches), keeps the newer ones, and caps the log at log_max_rows; the INI qbosync.log_retention applies when the option is absent; a retention of 0 or less, a negative cap or an unknown log_bodies are refused with a clear error
--FILE--
<?php
require __DIR__ . '/engine.inc';

function old_rows(string $store, string $message, float $at, int $n): void
{
    $key = qbo_test_store_rows($store, 'SELECT key FROM conn')[0]['key'];
    // one INSERT for all the rows (a statement and a connection per row took most of this test's time under valgrind)
    $values = $params = [];
    for ($i = 0; $i < $n; $i++) {
        $values[] = '(?, ?, ?, ?)';
        array_push($params, $key, $at + $i * 0.001, 'info', $message);
    }
    qbo_test_store_exec($store, 'INSERT INTO log(conn, at, level, message) VALUES ' . implode(', ', $values), $params);
}
function count_rows(string $store, string $message): int
{
    return (int)qbo_test_store_rows($store, 'SELECT count(*) AS n FROM log WHERE message = ?', [$message])[0]['n'];
}

// retention 7 days: 2,500 rows of 8 days ago go (three batches), those of 6 days ago stay
[$c, , $o] = qbo_test_connect(['delivery' => 'worker', 'log_retention' => 7]);
old_rows($o['store'], 'eight days old', time() - 8 * 86400, 2500);
old_rows($o['store'], 'six days old', time() - 6 * 86400, 3);
qbo_push($c, 'customer', eng_customer('1', 'Ret', 'Ention', 'ret@example.com'));
echo "before the sync: ", count_rows($o['store'], 'eight days old'), " old, ", count_rows($o['store'], 'six days old'), " newer\n";
qbo_sync($c);
echo "after the sync: ", count_rows($o['store'], 'eight days old'), " old, ", count_rows($o['store'], 'six days old'), " newer, ",
    "the sync's own rows kept: ", var_export(count(qbo_log($c, ['type' => 'exchange'])) > 0, true), "\n";

// the INI's retention when the option is absent
var_dump(ini_set('qbosync.log_retention', '3'));
[$c2, , $o2] = qbo_test_connect(['delivery' => 'worker']);
old_rows($o2['store'], 'four days old', time() - 4 * 86400, 5);
old_rows($o2['store'], 'two days old', time() - 2 * 86400, 5);
qbo_sync($c2);
echo "INI 3 days: ", count_rows($o2['store'], 'four days old'), " of 4 days, ", count_rows($o2['store'], 'two days old'), " of 2 days\n";
ini_restore('qbosync.log_retention');

// the cap on rows: the newest log_max_rows rows of the store stay
[$c3, , $o3] = qbo_test_connect(['delivery' => 'worker', 'log_max_rows' => 10]);
old_rows($o3['store'], 'recent filler', time() - 60, 40);
qbo_push($c3, 'customer', eng_customer('3', 'Cap', 'Ped', 'cap@example.com'));
qbo_sync($c3);
$n = (int)qbo_test_store_rows($o3['store'], 'SELECT count(*) AS n FROM log')[0]['n'];
$connected = (int)qbo_test_store_rows($o3['store'], "SELECT count(*) AS n FROM log WHERE message LIKE 'Connected to QuickBooks%'")[0]['n'];
echo "capped at 10: ", $n, ", the oldest rows (the connect's) gone: ", $connected === 0 ? 'yes' : 'no', ", filler left: ", count_rows($o3['store'], 'recent filler') < 40 ? 'part' : 'all',
    ", the newest row kept: ", var_export(qbo_log($c3, ['limit' => 1])[0]['message'] !== 'recent filler', true), "\n";

// refused settings
foreach ([['log_retention' => 0], ['log_retention' => -3], ['log_retention' => '30'], ['log_retention' => 3651], ['log_max_rows' => -1],
        ['log_bodies' => 'some'], ['log_bodies' => 1]] as $bad) {
    try {
        qbo_connect($bad + $o);
        echo "accepted\n";
    } catch (Throwable $e) {
        echo get_class($e), ": ", $e->getMessage(), "\n";
    }
}
var_dump(ini_set('qbosync.log_retention', '0'), ini_set('qbosync.log_retention', '-1'), ini_set('qbosync.log_bodies', 'most'),
    ini_set('qbosync.log_max_rows', '-5'), ini_get('qbosync.log_retention'));
?>
--EXPECTF--
before the sync: 2500 old, 3 newer
after the sync: 0 old, 3 newer, the sync's own rows kept: true
string(2) "30"
INI 3 days: 0 of 4 days, 5 of 2 days
capped at 10: 10, the oldest rows (the connect's) gone: yes, filler left: part, the newest row kept: true
ValueError: qbo_connect(): Argument #1 ($options) option "log_retention" must be a number of days from 1 to 3650 (the log keeps its rows that long), 0 given
ValueError: qbo_connect(): Argument #1 ($options) option "log_retention" must be a number of days from 1 to 3650 (the log keeps its rows that long), -3 given
TypeError: qbo_connect(): Argument #1 ($options) option "log_retention" must be of type int, string given
ValueError: qbo_connect(): Argument #1 ($options) option "log_retention" must be a number of days from 1 to 3650 (the log keeps its rows that long), 3651 given
ValueError: qbo_connect(): Argument #1 ($options) option "log_max_rows" must be a number of rows from 0 (no cap) to 1000000000, -1 given
ValueError: qbo_connect(): Argument #1 ($options) option "log_bodies" must be "errors" (bodies of failed exchanges only), "all" or "none"
ValueError: qbo_connect(): Argument #1 ($options) option "log_bodies" must be "errors" (bodies of failed exchanges only), "all" or "none"

Warning: ini_set(): qbosync.log_retention must be a number of days from 1 to 3650 (the log keeps its rows that long), "0" given in %s on line %d

Warning: ini_set(): qbosync.log_retention must be a number of days from 1 to 3650 (the log keeps its rows that long), "-1" given in %s on line %d

Warning: ini_set(): qbosync.log_bodies must be "errors" (bodies of failed exchanges only), "all" or "none", "most" given in %s on line %d

Warning: ini_set(): qbosync.log_max_rows must be a number of rows from 0 (no cap) to 1000000000, "-5" given in %s on line %d
bool(false)
bool(false)
bool(false)
bool(false)
string(2) "30"
