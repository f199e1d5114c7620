--TEST--
var_dump/print_r/debug_zval_dump/var_export/json_encode/(array) of a Connection show no secret
--FILE--
<?php
require __DIR__ . '/qbo.inc';
$secret = 'client-secret-' . bin2hex(random_bytes(8));
$key = bin2hex(random_bytes(32));
$store = qbo_test_store();
$c = qbo_connect(['store' => $store, 'environment' => 'sandbox', 'client_id' => 'dump-client', 'client_secret' => $secret, 'encryption_key' => $key]);
ob_start();
var_dump($c);
print_r($c);
debug_zval_dump($c);
var_export($c);
echo json_encode($c), json_encode((array)$c), serialize(get_object_vars($c));
$all = ob_get_clean();
foreach ([$secret, $key, substr($key, 0, 16), base64_encode(hex2bin($key)), 'dump-client', $store] as $s) {
    var_dump(str_contains($all, $s));
}
var_dump($c);
?>
--EXPECTF--
bool(false)
bool(false)
bool(false)
bool(false)
bool(false)
bool(false)
object(QboSync\Connection)#%d (3) {
  ["environment"]=>
  string(7) "sandbox"
  ["realm"]=>
  NULL
  ["status"]=>
  string(13) "Not Connected"
}
