--TEST--
qbo_sync() checks its options: names, types, ranges and the progress callable
--FILE--
<?php
require __DIR__ . '/qbo.inc';
$c = qbo_connect(['store' => qbo_test_store(), 'client_id' => 'binding', 'delivery' => 'worker']);
foreach ([
    ['limit' => '10'],
    ['limit' => -1],
    ['time_budget' => 'soon'],
    ['time_budget' => -0.5],
    ['progress' => 'no_such_function_here'],
    ['progress' => 42],
    ['batch' => 10],
    ['max_in_flight' => 11],
    ['max_in_flight' => '2'],
    [5],
] as $bad) {
    try {
        qbo_sync($c, $bad);
        echo "accepted\n";
    } catch (TypeError|ValueError $e) {
        echo get_class($e), ': ', $e->getMessage(), "\n";
    }
}
// nothing queued: a valid call returns the counts
$r = qbo_sync($c, ['limit' => 5, 'time_budget' => 1.5, 'progress' => fn() => null]);
var_dump($r['delivered'], $r['remaining']);
?>
--EXPECT--
TypeError: qbo_sync(): Argument #2 ($options) option "limit" must be of type int, string given
ValueError: qbo_sync(): Argument #2 ($options) option "limit" must be greater than or equal to 0
TypeError: qbo_sync(): Argument #2 ($options) option "time_budget" must be of type int|float, string given
ValueError: qbo_sync(): Argument #2 ($options) option "time_budget" must be a number of seconds greater than or equal to 0
TypeError: qbo_sync(): Argument #2 ($options) option "progress" must be a valid callback, function "no_such_function_here" not found or invalid function name
TypeError: qbo_sync(): Argument #2 ($options) option "progress" must be a valid callback, no array or string given
ValueError: qbo_sync(): Argument #2 ($options) contains unknown option "batch"
ValueError: qbo_sync(): Argument #2 ($options) option "max_in_flight" must be between 1 and 10 (QuickBooks' requests in flight per company)
TypeError: qbo_sync(): Argument #2 ($options) option "max_in_flight" must be of type int, string given
ValueError: qbo_sync(): Argument #2 ($options) must contain only named options (limit, time_budget, progress)
int(0)
int(0)
