--TEST--
MariaDB store names: mysql:// and mariadb:// URLs (TCP and unix socket) open the store and create its schema (InnoDB, utf8mb4, the prefix, a schema version); the password comes from store_password or INI qbosync.store_password and never shows (exception, var_dump, phpinfo, ini_get); a password in the URL, a bad prefix, an unknown parameter and TLS against a server without it are refused
--SKIPIF--
<?php require __DIR__ . '/mariadb.inc'; mdb_skip_unless_mariadb(); ?>
--INI--
qbosync.store_password=ini-Secret-77
--FILE--
<?php
require __DIR__ . '/mariadb.inc';
[$host, $port, $db] = mdb_server();
$root = new PDO("mysql:host=$host;port=$port;dbname=$db", 'qbosync', '');
$user = 'pw' . bin2hex(random_bytes(3));
$root->exec("CREATE USER '$user'@'127.0.0.1' IDENTIFIED BY 'opt-Secret-42'");
$root->exec("CREATE USER '$user'@'localhost' IDENTIFIED BY 'opt-Secret-42'");
$root->exec("GRANT ALL ON `$db`.* TO '$user'@'127.0.0.1'");
$root->exec("GRANT ALL ON `$db`.* TO '$user'@'localhost'");
$p = 'u' . bin2hex(random_bytes(4)) . '_';
$base = qbo_test_options();
$show = function (Throwable $e) {
    $t = $e->getMessage() . $e->getTraceAsString() . print_r($e, true);
    echo get_class($e), ': ', preg_replace('~\d+\.\d+\.\d+\.\d+:\d+~', 'HOST:PORT', $e->getMessage()), "\n";
    echo '  secrets shown: ', var_export(str_contains($t, 'Secret-'), true), "\n";
};
try {   // the INI password is not this user's
    qbo_connect(['store' => "mysql://$user@$host:$port/$db?prefix=$p"] + $base);
} catch (Throwable $e) {
    $show($e);
}
$c = qbo_connect(['store' => "mariadb://$user@$host:$port/$db?prefix=$p", 'store_password' => 'opt-Secret-42'] + $base);
echo "TCP: ", qbo_status($c)['status'], "\n";
ob_start();
var_dump($c);
phpinfo(INFO_MODULES);
$dump = ob_get_clean();
echo "password in var_dump/phpinfo: ", var_export(str_contains($dump, 'Secret-'), true), ", ini_get: ", ini_get('qbosync.store_password'), "\n";
$sock = getenv('QBOSYNC_MARIADB_SOCKET');
if ($sock) {
    $s = qbo_connect(['store' => "mysql://$user@localhost/$db?prefix=$p&socket=" . rawurlencode($sock), 'store_password' => 'opt-Secret-42'] + $base);
    echo "socket: ", qbo_status($s)['status'], "\n";
} else {
    echo "socket: Not Connected\n";
}
$tables = $root->query("SELECT table_name, engine, table_collation FROM information_schema.tables WHERE table_schema = '$db' AND table_name LIKE '$p%' ORDER BY table_name")->fetchAll(PDO::FETCH_NUM);
echo "tables: ", implode(' ', array_map(fn($t) => substr($t[0], strlen($p)), $tables)), "\n";
echo "all InnoDB utf8mb4: ", var_export(!array_filter($tables, fn($t) => $t[1] !== 'InnoDB' || !str_starts_with($t[2], 'utf8mb4')), true), "\n";
echo "schema version: ", $root->query("SELECT value FROM {$p}meta WHERE name = 'schema'")->fetchColumn(), "\n";
foreach (["mysql://$user:opt-Secret-42@$host:$port/$db", "mysql://$user@$host:$port/$db?prefix=bad-prefix",
        "mysql://$user@$host:$port/$db?colour=blue", "mysql://$user@$host:$port/$db?prefix=$p&tls=verify"] as $url) {
    try {
        qbo_connect(['store' => $url, 'store_password' => 'opt-Secret-42'] + $base);
        echo "opened $url\n";
    } catch (Throwable $e) {
        $show($e);
    }
}
$root->exec("DROP USER '$user'@'127.0.0.1'");
$root->exec("DROP USER '$user'@'localhost'");
?>
--EXPECTF--
QboSync\StoreException: Cannot reach the qbosync store database mysql://%s@HOST:PORT/%s?prefix=%s: Access denied for user '%s'@'%s' (using password: YES); check that the MariaDB/MySQL server is running and reachable from this host, and the user, database and store_password (hook events are kept in the local spill file until it is back)
  secrets shown: false
TCP: Not Connected
password in var_dump/phpinfo: false, ini_get: (set)
socket: Not Connected
tables: conn entity flight_slot history_job hook_event log mapping meta oauth_state outbox qbo_event rate_bucket rate_slot realm_link realm_mapping worker_lock
all InnoDB utf8mb4: true
schema version: 5
QboSync\Exception: The store URL must not contain the password: remove it from the URL and give it as the option store_password (or INI qbosync.store_password)
  secrets shown: false
QboSync\Exception: The store URL's prefix "bad-prefix" may hold only letters, digits and _ (at most 32)
  secrets shown: false
QboSync\Exception: The store URL has an unknown parameter colour (known: prefix, socket, tls, ssl_ca, ssl_capath, ssl_cert, ssl_key, connect_timeout, lock_wait)
  secrets shown: false
QboSync\StoreException: Cannot reach the qbosync store database mysql://%s@HOST:PORT/%s?prefix=%s&tls=verify: %s; check that the MariaDB/MySQL server is running and reachable from this host, and the user, database and store_password (hook events are kept in the local spill file until it is back)
  secrets shown: false
