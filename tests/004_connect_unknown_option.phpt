--TEST--
qbo_connect() refuses an unknown option by name, and options without a name, before the store is created
--FILE--
<?php
require __DIR__ . '/qbo.inc';
$store = qbo_test_store();
foreach ([
    ['store' => $store, 'client_secrett' => 'typo'],
    ['store' => $store, 'fetched' => 'localAPI'],
    ['store' => $store, 'sandbox'],
] as $opts) {
    try {
        qbo_connect($opts);
        echo "accepted\n";
    } catch (ValueError $e) {
        echo get_class($e), ': ', $e->getMessage(), "\n";
    }
}
var_dump(qbo_test_store_exists($store));
?>
--EXPECT--
ValueError: qbo_connect(): Argument #1 ($options) contains unknown option "client_secrett"
ValueError: qbo_connect(): Argument #1 ($options) contains unknown option "fetched"
ValueError: qbo_connect(): Argument #1 ($options) must contain only named options, found index 0
bool(false)
