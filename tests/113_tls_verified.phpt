--TEST--
Transport: TLS is always verified: a self-signed server is refused, so is a certificate for another name, and ca_info makes the right one trusted
--INI--
pcre.jit=0
--FILE--
<?php
require __DIR__ . '/transport.inc';

// a self-signed certificate for "localhost" only (no IP address in it)
$dir = sys_get_temp_dir() . '/qbotls' . bin2hex(random_bytes(4));
mkdir($dir);
// an EC key: made in milliseconds (an RSA key's generation took most of this test's time under valgrind)
$key = openssl_pkey_new(['private_key_type' => OPENSSL_KEYTYPE_EC, 'curve_name' => 'prime256v1']);
$conf = "$dir/openssl.cnf";
file_put_contents($conf, "[req]\ndistinguished_name=dn\n[dn]\n[ext]\nsubjectAltName=DNS:localhost\nbasicConstraints=critical,CA:TRUE\n");
$csr = openssl_csr_new(['commonName' => 'localhost'], $key, ['config' => $conf, 'digest_alg' => 'sha256']);
$x509 = openssl_csr_sign($csr, null, $key, 2, ['config' => $conf, 'x509_extensions' => 'ext', 'digest_alg' => 'sha256']);
openssl_x509_export_to_file($x509, "$dir/cert.pem");
openssl_pkey_export_to_file($key, "$dir/key.pem");
$log = "$dir/requests.log";
touch($log);
register_shutdown_function(function () use ($dir) {
    array_map('unlink', glob("$dir/*"));
    rmdir($dir);
});

$proc = proc_open([PHP_BINARY, __DIR__ . '/tls_server.inc', "$dir/cert.pem", "$dir/key.pem", $log],
    [0 => ['pipe', 'r'], 1 => ['pipe', 'w'], 2 => ['file', '/dev/null', 'w']], $pipes);
$port = (int)trim(fgets($pipes[1]));
var_dump($port > 0);

function attempt(string $env, array $extra = []): string
{
    $conn = qbo_connect(qbo_test_options(['environment' => $env] + $extra));
    parse_str(parse_url(qbo_oauth_url($conn), PHP_URL_QUERY), $q);
    try {
        $st = qbo_oauth_exchange($conn, 'code-' . bin2hex(random_bytes(4)), $q['state'], '4620816365000001');
        return "connected: {$st['status']}";
    } catch (QboSync\Exception $e) {
        $m = $e->getMessage();
        return get_class($e) . ': ' . (preg_match('/certificate|SSL|subject name/i', $m) ? 'TLS verification failed' : $m);
    }
}

echo "self-signed, no ca_info: ", attempt("https://localhost:$port"), "\n";
function served(string $log): array
{
    return array_values(array_filter(file($log), fn($l) => preg_match('/^[A-Z]+ \S+ HTTP/', $l)));
}
echo "requests served: ", count(served($log)), "\n";
echo "trusted, wrong name:     ", attempt("https://127.0.0.1:$port", ['ca_info' => "$dir/cert.pem"]), "\n";
echo "trusted, right name:     ", attempt("https://localhost:$port", ['ca_info' => "$dir/cert.pem"]), "\n";
// only the verified connection got as far as an HTTP request (with the client's Basic auth)
echo implode('', served($log));

fclose($pipes[0]);
fclose($pipes[1]);
proc_close($proc);
?>
--EXPECT--
bool(true)
self-signed, no ca_info: QboSync\Exception: TLS verification failed
requests served: 0
trusted, wrong name:     QboSync\Exception: TLS verification failed
trusted, right name:     connected: Active
POST /oauth2/v1/tokens/bearer HTTP/1.1 basic-auth
