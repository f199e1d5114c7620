--TEST--
MariaDB store over TLS: tls=verify with ssl_ca naming the server's CA connects (a user who may log in only over TLS opens the store); without that CA, or with another one, the server's certificate is not trusted and the StoreException names the server and the fix, without the password; the password is never in the URL shown
--SKIPIF--
<?php require __DIR__ . '/mariadb.inc'; mdb_skip_unless_mariadb(); if (!getenv('QBOSYNC_MARIADB_TLS_CA')) die('skip the private server has no TLS certificate'); ?>
--FILE--
<?php
require __DIR__ . '/mariadb.inc';
[$host, $port, $db] = mdb_server();
$ca = getenv('QBOSYNC_MARIADB_TLS_CA');
$root = new PDO("mysql:host=$host;port=$port;dbname=$db", 'qbosync', '', [PDO::ATTR_ERRMODE => PDO::ERRMODE_EXCEPTION]);
$user = 'tl' . bin2hex(random_bytes(3));
$root->exec("CREATE USER '$user'@'127.0.0.1' IDENTIFIED BY 'tls-Secret-9' REQUIRE SSL");
$root->exec("GRANT ALL ON `$db`.* TO '$user'@'127.0.0.1'");
$p = 'u' . bin2hex(random_bytes(4)) . '_';
$base = qbo_test_options(['store_password' => 'tls-Secret-9']);
// another self-signed CA, which did not sign the server's certificate
$dir = sys_get_temp_dir() . '/qbomtls' . bin2hex(random_bytes(4));
mkdir($dir);
$k = openssl_pkey_new(['private_key_type' => OPENSSL_KEYTYPE_EC, 'curve_name' => 'prime256v1']);
file_put_contents("$dir/cnf", "[req]\ndistinguished_name=dn\n[dn]\n[ext]\nsubjectAltName=IP:127.0.0.1\nbasicConstraints=critical,CA:TRUE\n");
openssl_x509_export_to_file(openssl_csr_sign(openssl_csr_new(['commonName' => '127.0.0.1'], $k, ['config' => "$dir/cnf"]), null, $k, 2,
    ['config' => "$dir/cnf", 'x509_extensions' => 'ext']), "$dir/other.pem");
$try = function (string $label, string $query) use ($user, $host, $port, $db, $p, $base) {
    try {
        $c = qbo_connect(['store' => "mysql://$user@$host:$port/$db?prefix=$p$query"] + $base);
        echo "$label: opened, ", qbo_status($c)['status'], "\n";
    } catch (Throwable $e) {
        $m = $e->getMessage();
        echo "$label: ", get_class($e), ", names the server: ", var_export(str_contains($m, "$user@$host:$port/$db"), true),
            ", says the certificate is not trusted: ", var_export((bool)preg_match('/certificate|self.signed|verif/i', $m), true),
            ", what to do: ", var_export(str_contains($m, 'check that the MariaDB/MySQL server'), true),
            ", password shown: ", var_export(str_contains($m . $e->getTraceAsString(), 'Secret'), true), "\n";
    }
};
$try('no TLS (this user must use it)', '');
$try('tls=verify, the server CA', '&tls=verify&ssl_ca=' . rawurlencode($ca));
$try('ssl_ca alone (implies tls=verify)', '&ssl_ca=' . rawurlencode($ca));
$try('tls=verify, no CA given', '&tls=verify');
$try('tls=verify, another CA', '&tls=verify&ssl_ca=' . rawurlencode("$dir/other.pem"));
echo "tables of the TLS store: ", count(qbo_test_store_tables("mysql://qbosync@$host:$port/$db?prefix=$p")[1]) > 10 ? 'created' : 'missing', "\n";
array_map('unlink', glob("$dir/*"));
rmdir($dir);
$root->exec("DROP USER '$user'@'127.0.0.1'");
?>
--EXPECT--
no TLS (this user must use it): QboSync\StoreException, names the server: true, says the certificate is not trusted: false, what to do: true, password shown: false
tls=verify, the server CA: opened, Not Connected
ssl_ca alone (implies tls=verify): opened, Not Connected
tls=verify, no CA given: QboSync\StoreException, names the server: true, says the certificate is not trusted: true, what to do: true, password shown: false
tls=verify, another CA: QboSync\StoreException, names the server: true, says the certificate is not trusted: true, what to do: true, password shown: false
tables of the TLS store: created
