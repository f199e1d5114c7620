<?php
/*
 * bench/tls_proxy.php — the TLS terminator the transport benches put in front
 * of the local sandbox: a self-signed certificate for 127.0.0.1 (its own trust
 * anchor, handed to qbo_connect as ca_info so verification stays on) and an
 * nginx that proxies https://127.0.0.1:PORT to the sandbox, logging per
 * request its connection serial, the connection's request count, whether the
 * TLS session was resumed and the status ("tls.log"). Used by bench/tls.php
 * and bench/connections.php.
 */

function tp_free_port(): int
{
    $s = stream_socket_server('tcp://127.0.0.1:0');
    $name = stream_socket_get_name($s, false);
    fclose($s);
    return (int)substr($name, strrpos($name, ':') + 1);
}

function tp_wait_port(int $port): void
{
    for ($i = 0; $i < 200; $i++) {
        $s = @stream_socket_client("tcp://127.0.0.1:$port", $errno, $errstr, 0.1);
        if ($s) {
            fclose($s);
            return;
        }
        usleep(25000);
    }
    throw new RuntimeException("nothing listens on 127.0.0.1:$port");
}

/* Writes $dir/cert.pem and $dir/key.pem: a self-signed certificate for 127.0.0.1. */
function tp_certificate(string $dir): void
{
    file_put_contents("$dir/openssl.cnf", "[req]\ndistinguished_name=dn\n[dn]\n[ext]\nsubjectAltName=IP:127.0.0.1\nbasicConstraints=CA:TRUE\n");
    $key = openssl_pkey_new(['private_key_bits' => 2048, 'private_key_type' => OPENSSL_KEYTYPE_RSA]);
    $csr = openssl_csr_new(['commonName' => '127.0.0.1'], $key, ['config' => "$dir/openssl.cnf", 'digest_alg' => 'sha256']);
    $x509 = openssl_csr_sign($csr, null, $key, 2, ['config' => "$dir/openssl.cnf", 'x509_extensions' => 'ext', 'digest_alg' => 'sha256']);
    openssl_x509_export_to_file($x509, "$dir/cert.pem");
    openssl_pkey_export_to_file($key, "$dir/key.pem");
}

/*
 * Starts nginx in $dir terminating TLS on $tlsPort for the sandbox at
 * $sandboxUrl; $keepalive holds the server's keepalive directives and
 * $servers any further server blocks of the http section. Returns the
 * process (the caller terminates it) once the port answers.
 */
function tp_start_nginx(string $dir, int $tlsPort, string $sandboxUrl, string $keepalive, string $servers = '')
{
    tp_certificate($dir);
    @mkdir("$dir/nginx-body", 0700, true);
    $upstream = preg_replace('#^https?://#', '', $sandboxUrl);
    file_put_contents("$dir/nginx.conf", <<<CONF
user root;
worker_processes 1;
pid $dir/nginx.pid;
error_log $dir/nginx-error.log;
daemon off;
events { worker_connections 1024; }
http {
    access_log off;
    client_body_temp_path $dir/nginx-body;
    proxy_temp_path $dir/nginx-proxy;
    fastcgi_temp_path $dir/nginx-fastcgi;
    log_format tls '\$connection \$connection_requests \$ssl_session_reused \$status';
    upstream sandbox { server $upstream; keepalive 32; }
    server {
        listen 127.0.0.1:$tlsPort ssl;
        ssl_certificate $dir/cert.pem;
        ssl_certificate_key $dir/key.pem;
        ssl_session_cache shared:tls:1m;
        $keepalive
        access_log $dir/tls.log tls;
        location / {
            proxy_pass http://sandbox;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header Host \$http_host;
        }
    }
$servers
}
CONF);
    $p = proc_open(['/usr/sbin/nginx', '-p', $dir, '-c', "$dir/nginx.conf"],
        [1 => ['file', "$dir/nginx.out", 'a'], 2 => ['file', "$dir/nginx.out", 'a']], $pipes);
    tp_wait_port($tlsPort);
    return $p;
}
