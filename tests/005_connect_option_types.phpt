--TEST--
qbo_connect() names the option and the type when an option has the wrong type or range
--FILE--
<?php
require __DIR__ . '/qbo.inc';
$store = qbo_test_store();
foreach ([
    ['client_id' => 12345],
    ['client_secret' => ['x']],
    ['environment' => true],
    ['store' => ''],
    ['redirect_uri' => "http://127.0.0.1/cb\0evil"],
    ['timeout' => '30'],
    ['timeout' => 0],
    ['inline_timeout' => -1.5],
    ['inline_timeout' => 86401],
    ['refresh_margin' => 1.5],
    ['refresh_margin' => -1],
] as $bad) {
    try {
        qbo_connect($bad + ['store' => $store, 'client_id' => 'types']);
        echo "accepted\n";
    } catch (TypeError|ValueError $e) {
        echo get_class($e), ': ', $e->getMessage(), "\n";
    }
}
// null means "the default"; ints and floats are both fine for seconds
$c = qbo_connect(['store' => $store, 'client_id' => 'types', 'ca_info' => null, 'timeout' => 2.5, 'inline_timeout' => 1, 'refresh_margin' => 0]);
echo get_class($c), "\n";
?>
--EXPECT--
TypeError: qbo_connect(): Argument #1 ($options) option "client_id" must be of type string, int given
TypeError: qbo_connect(): Argument #1 ($options) option "client_secret" must be of type string, array given
TypeError: qbo_connect(): Argument #1 ($options) option "environment" must be of type string, bool given
ValueError: qbo_connect(): Argument #1 ($options) option "store" must not be empty
ValueError: qbo_connect(): Argument #1 ($options) option "redirect_uri" must not contain any null bytes
TypeError: qbo_connect(): Argument #1 ($options) option "timeout" must be of type int|float, string given
ValueError: qbo_connect(): Argument #1 ($options) option "timeout" must be a number of seconds greater than 0 and at most 86400
ValueError: qbo_connect(): Argument #1 ($options) option "inline_timeout" must be a number of seconds greater than 0 and at most 86400
ValueError: qbo_connect(): Argument #1 ($options) option "inline_timeout" must be a number of seconds greater than 0 and at most 86400
TypeError: qbo_connect(): Argument #1 ($options) option "refresh_margin" must be of type int, float given
ValueError: qbo_connect(): Argument #1 ($options) option "refresh_margin" must be between 0 and 86400 seconds
QboSync\Connection
