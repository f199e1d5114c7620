--TEST--
qbo_connect() accepts an encryption key as 64 hex digits or base64 of 32 bytes, and nothing else (without echoing it)
--FILE--
<?php
require __DIR__ . '/qbo.inc';
$store = qbo_test_store();
$raw = random_bytes(32);
$bad = [
    'short hex' => bin2hex(random_bytes(16)),
    'long hex' => bin2hex(random_bytes(33)),
    'not hex' => str_repeat('zz', 32),
    'base64 of 31 bytes' => base64_encode(random_bytes(31)),
    'passphrase' => 'correct horse battery staple',
];
foreach ($bad as $what => $key) {
    try {
        qbo_connect(['store' => $store, 'client_id' => 'keys', 'encryption_key' => $key]);
        echo "$what: accepted\n";
    } catch (ValueError $e) {
        echo "$what: ", $e->getMessage(), "\n";
        if (str_contains($e->getMessage(), $key)) {
            echo "  the message contains the key!\n";
        }
    }
}
echo 'hex: ', get_class(qbo_connect(['store' => $store, 'client_id' => 'keys', 'encryption_key' => bin2hex($raw)])), "\n";
echo 'base64: ', get_class(qbo_connect(['store' => $store, 'client_id' => 'keys', 'encryption_key' => base64_encode($raw)])), "\n";
?>
--EXPECT--
short hex: qbo_connect(): Argument #1 ($options) option "encryption_key" must be 64 hex digits or the base64 of 32 bytes
long hex: qbo_connect(): Argument #1 ($options) option "encryption_key" must be 64 hex digits or the base64 of 32 bytes
not hex: qbo_connect(): Argument #1 ($options) option "encryption_key" must be 64 hex digits or the base64 of 32 bytes
base64 of 31 bytes: qbo_connect(): Argument #1 ($options) option "encryption_key" must be 64 hex digits or the base64 of 32 bytes
passphrase: qbo_connect(): Argument #1 ($options) option "encryption_key" must be 64 hex digits or the base64 of 32 bytes
hex: QboSync\Connection
base64: QboSync\Connection
