--TEST--
A QBO fault reaches PHP as QboSync\ApiException with QBO's code, element and detail
--FILE--
<?php
require __DIR__ . '/qbo.inc';
[$c, $realm] = qbo_test_connect();
try {
    qbo_map($c, 'customer', '17', '987654321');
    echo "mapped\n";
} catch (QboSync\ApiException $e) {
    echo get_class($e), "\n";
    var_dump($e->qboCode, $e->detail !== '', $e->getMessage() !== '', $e->getCode() === 2);
}
var_dump(qbo_mappings($c, 'customer'));
?>
--EXPECT--
QboSync\ApiException
string(3) "610"
bool(true)
bool(true)
bool(true)
array(0) {
}
