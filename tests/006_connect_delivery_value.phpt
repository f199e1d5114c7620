--TEST--
qbo_connect() accepts delivery inline, deferred or worker and refuses anything else
--FILE--
<?php
require __DIR__ . '/qbo.inc';
$store = qbo_test_store();
foreach (['sometimes', 'INLINE', 'deferred ', 'cron'] as $d) {
    try {
        qbo_connect(['store' => $store, 'client_id' => 'delivery', 'delivery' => $d]);
        echo "accepted $d\n";
    } catch (ValueError $e) {
        echo $e->getMessage(), "\n";
    }
}
foreach (['inline', 'deferred', 'worker'] as $d) {
    echo $d, ': ', get_class(qbo_connect(['store' => $store, 'client_id' => 'delivery', 'delivery' => $d])), "\n";
}
?>
--EXPECT--
qbo_connect(): Argument #1 ($options) option "delivery" must be "inline", "deferred" or "worker", "sometimes" given
qbo_connect(): Argument #1 ($options) option "delivery" must be "inline", "deferred" or "worker", "INLINE" given
qbo_connect(): Argument #1 ($options) option "delivery" must be "inline", "deferred" or "worker", "deferred " given
qbo_connect(): Argument #1 ($options) option "delivery" must be "inline", "deferred" or "worker", "cron" given
inline: QboSync\Connection
deferred: QboSync\Connection
worker: QboSync\Connection
