--TEST--
phpinfo() shows the version, the library versions and the INI settings, never the encryption key or a client secret
--INI--
qbosync.encryption_key=6b3f1e2d4c5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0
qbosync.environment=sandbox
qbosync.delivery=deferred
qbosync.timeout=12.5
qbosync.inline_timeout=2
qbosync.max_connections=3
qbosync.store=/var/lib/qbosync/store.sqlite
--FILE--
<?php
require __DIR__ . '/qbo.inc';
$secret = 'client-secret-' . bin2hex(random_bytes(8));
$key = bin2hex(random_bytes(32));
$c = qbo_connect(['store' => qbo_test_store(), 'client_id' => 'info', 'client_secret' => $secret, 'encryption_key' => $key]);
ob_start();
phpinfo(INFO_MODULES);
$info = ob_get_clean();
$section = substr($info, strpos($info, "\nqbosync\n"));
$section = substr($section, 0, strpos($section, "\n\n", strpos($section, 'qbosync.timeout')));
foreach (explode("\n", $section) as $line) {
    if (preg_match('/^(qbosync (support|version)|qbosync\.\w+|Cached connections)/', $line)) {
        echo $line, "\n";
    }
}
preg_match('/^Libraries => (.*)$/m', $section, $m);
var_dump((bool)preg_match('/libcurl [\d.]+/', $m[1]), (bool)preg_match('/OpenSSL [\d.]+/', $m[1]),
    (bool)preg_match('/SQLite [\d.]+/', $m[1]), (bool)preg_match('/json-c [\d.]+/', $m[1]));
var_dump(phpversion('qbosync') === '0.1.0');
foreach (['6b3f1e2d4c5a6978', $secret, $key] as $s) {
    var_dump(str_contains($info, $s));
}
?>
--EXPECT--
qbosync support => enabled
qbosync version => 0.1.0
Cached connections (this process) => 1
qbosync.batch_size => 30 => 30
qbosync.delivery => deferred => deferred
qbosync.durability => process => process
qbosync.encryption_key => (set) => (set)
qbosync.environment => sandbox => sandbox
qbosync.host_id => no value => no value
qbosync.inline_timeout => 2 => 2
qbosync.log_bodies => errors => errors
qbosync.log_max_rows => 1000000 => 1000000
qbosync.log_retention => 30 => 30
qbosync.max_connections => 3 => 3
qbosync.rate_window => 60 => 60
qbosync.spill_dir => no value => no value
qbosync.store => /var/lib/qbosync/store.sqlite => /var/lib/qbosync/store.sqlite
qbosync.store_password => (not set) => (not set)
qbosync.timeout => 12.5 => 12.5
qbosync.webhook_verifier => (not set) => (not set)
bool(true)
bool(true)
bool(true)
bool(true)
bool(true)
bool(false)
bool(false)
bool(false)
