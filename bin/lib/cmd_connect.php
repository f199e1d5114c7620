<?php
// connect: print the QuickBooks authorize URL, catch the OAuth redirect on a loopback --port, exchange the code

/**
 * The redirect comes back to http://127.0.0.1:PORT/callback, which must be a
 * redirect URI registered for the app (Intuit allows loopback URIs; --port 0
 * takes a free port). --timeout SECONDS (default 300) bounds the wait.
 */
function qbosync_cmd_connect(QbosyncCli $cli): int
{
    $port = $cli->opt('port');
    $options = $cli->options();
    if ($port === null) {
        $uri = $options['redirect_uri'] ?? '';
        $port = preg_match('#^http://(127\.0\.0\.1|localhost):(\d+)/#', $uri, $m) ? $m[2] : '0';
    }
    if (!preg_match('/^\d{1,5}$/', $port) || (int)$port > 65535) {
        throw new QbosyncCliError("--port must be a port number (0 = any free one), \"$port\" given", QBOSYNC_EXIT_USAGE);
    }
    $timeout = (float)($cli->opt('timeout') ?? '300');
    $server = @stream_socket_server('tcp://127.0.0.1:' . (int)$port, $errno, $errstr);
    if ($server === false) {
        throw new QbosyncCliError("cannot listen on 127.0.0.1:$port: $errstr; give another --port", QBOSYNC_EXIT_FAILED);
    }
    $name = stream_socket_get_name($server, false);
    $port = (int)substr($name, strrpos($name, ':') + 1);
    $redirect = "http://127.0.0.1:$port/callback";
    $options['redirect_uri'] = $redirect;
    $conn = qbo_connect($options);
    $url = qbo_oauth_url($conn);
    // the URL is for a person: on stdout in plain mode, on stderr with --json
    fwrite($cli->json ? $cli->err : $cli->out, "Open this URL in a browser and connect the company:\n$url\n"
        . "Waiting for QuickBooks to redirect to $redirect ...\n");

    $deadline = microtime(true) + $timeout;
    while (true) {
        $left = $deadline - microtime(true);
        if ($left <= 0) {
            fclose($server);
            throw new QbosyncCliError('no redirect arrived within ' . (int)$timeout . ' s; run connect again', QBOSYNC_EXIT_FAILED);
        }
        $client = @stream_socket_accept($server, $left);
        if ($client === false) {
            continue;
        }
        stream_set_timeout($client, 10);
        $line = (string)fgets($client, 8192);
        while (($h = fgets($client, 8192)) !== false && rtrim($h) !== '') {
        }
        if (!preg_match('#^GET (/callback\?[^ ]*) HTTP/1\.[01]#', $line, $m)) {
            fwrite($client, "HTTP/1.1 404 Not Found\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\nnot the OAuth redirect\n");
            fclose($client);
            continue;   /* a favicon or a stray request: keep waiting */
        }
        parse_str((string)parse_url($m[1], PHP_URL_QUERY), $q);
        $ok = isset($q['code'], $q['state'], $q['realmId']) && is_string($q['code']) && is_string($q['state']) && is_string($q['realmId']);
        $error = $ok ? null : (is_string($q['error'] ?? null) ? $q['error'] : 'the redirect carries no code');
        $status = null;
        if ($ok) {
            try {
                $status = qbo_oauth_exchange($conn, $q['code'], $q['state'], $q['realmId']);
            } catch (QboSync\Exception $e) {
                $error = $e->getMessage();
            }
        }
        $page = $error === null ? 'QuickBooks is connected. You can close this window.'
            : 'QuickBooks was not connected: ' . htmlspecialchars($error, ENT_QUOTES) . '.';
        fwrite($client, "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nConnection: close\r\n\r\n"
            . "<!doctype html><title>qbosync</title><p>$page</p>\n");
        fclose($client);
        fclose($server);
        if ($error !== null) {
            throw new QbosyncCliError("QuickBooks was not connected: $error", $error === 'access_denied' ? QBOSYNC_EXIT_PROBLEMS : QBOSYNC_EXIT_FAILED);
        }
        $cli->result($status, function (array $st) use ($cli) {
            $cli->say('connection: ' . $st['status'] . ' (company ' . $st['realm'] . ')');
        });
        return QBOSYNC_EXIT_OK;
    }
}
