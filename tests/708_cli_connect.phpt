--TEST--
bin/qbosync connect: prints the authorize URL, catches the OAuth redirect from the sandbox's consent page on a loopback port, exchanges the code (the connection is Active); a denied consent exits 1 with the reason
--FILE--
<?php
require __DIR__ . '/cli.inc';
require __DIR__ . '/engine.inc';
$realm = qbo_test_company();
$options = qbo_test_options();
$cfg = cli_config($options);

function start_connect(string $cfg): array
{
    $cmd = [PHP_BINARY, '-d', 'extension=' . cli_extension(), __DIR__ . '/../bin/qbosync', '--config', $cfg, 'connect', '--port', '0', '--timeout=30'];
    $p = proc_open($cmd, [1 => ['pipe', 'w'], 2 => ['pipe', 'w']], $pipes);
    $lines = [fgets($pipes[1]), fgets($pipes[1]), fgets($pipes[1])];
    return [$p, $pipes, $lines];
}
function finish_connect(array $run): array
{
    [$p, $pipes] = $run;
    $out = stream_get_contents($pipes[1]);
    $err = stream_get_contents($pipes[2]);
    return [proc_close($p), $out, $err];
}
// the browser's part: the consent page approves (sandbox_auto) and redirects to the loopback listener
function browser(string $url, string $realm, string $answer): string
{
    $r = qbo_test_http('GET', $url . '&' . http_build_query(['sandbox_auto' => $answer, 'realm' => $realm]));
    $page = (string)file_get_contents($r['headers']['location']);
    return preg_match('#<p>(.*)</p>#', $page, $m) ? $m[1] . "\n" : $page;
}

$run = start_connect($cfg);
echo trim($run[2][0]), "\n";
$url = trim($run[2][1]);
echo "url: ", str_starts_with($url, qbo_test_sandbox() . '/connect/oauth2?') ? 'authorize' : $url, "\n";
preg_match('#redirect_uri=([^&]+)#', $url, $m);
echo "redirect: ", preg_match('#^http://127\.0\.0\.1:\d+/callback$#', urldecode($m[1])) ? 'loopback' : urldecode($m[1]), "\n";
echo "page: ", browser($url, $realm, 'approve');
[$rc, $out, $err] = finish_connect($run);
echo "rc $rc ", preg_replace('/\(company \d+\)/', '(company R)', $out), $err;
$row = qbo_test_store_rows($options['store'], 'SELECT status, realm FROM conn')[0];
echo "store: ", $row['status'], " ", $row['realm'] === $realm ? 'realm' : $row['realm'], "\n";

$run = start_connect($cfg);
echo "page: ", browser(trim($run[2][1]), $realm, 'deny');
[$rc, $out, $err] = finish_connect($run);
echo "rc $rc ", $err;
?>
--EXPECT--
Open this URL in a browser and connect the company:
url: authorize
redirect: loopback
page: QuickBooks is connected. You can close this window.
rc 0 connection: Active (company R)
store: Active realm
page: QuickBooks was not connected: access_denied.
rc 1 qbosync connect: QuickBooks was not connected: access_denied
