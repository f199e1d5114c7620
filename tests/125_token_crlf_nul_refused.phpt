--TEST--
Tokens from the network are checked: an access token with CR/LF from a refresh is refused with a clear reason and the connection marked Error (never sent as header lines); one starting with NUL is refused, not stored empty; a good one makes it Active again; at the code exchange nothing is stored
--INI--
pcre.jit=0
--FILE--
<?php
require __DIR__ . '/transport.inc';
require __DIR__ . '/hostile_server.inc';

$json = ['Content-Type' => 'application/json'];
$tok = fn(string $a, string $r) => ['status' => 200, 'headers' => $json, 'body' => hs_tokens($a, $r)];
$customer = ['status' => 200, 'headers' => $json, 'body' => '{"QueryResponse":{},"time":"2026-11-20T10:00:00-08:00"}'];
$hs = hs_start([
    ['path' => '/oauth2/v1/tokens/bearer', 'responses' => [
        $tok('good-access-1', 'refresh-1'),
        $tok("evil-access\r\nX-Injected: yes", 'refresh-2'),
        ['status' => 200, 'headers' => $json, 'body' => '{"token_type":"bearer","access_token":"\u0000abc","expires_in":3600,"refresh_token":"refresh-3"}'],
        $tok('good-access-4', 'refresh-4'),
    ]],
    ['path' => '/v3/company/', 'responses' => [$customer]],
]);
[$conn, $opts] = hs_connect($hs, ['delivery' => 'inline']);
echo "connected: ", qbo_status($conn)['status'], "\n";

foreach (['CR/LF' => '1', 'NUL' => '2'] as $what => $id) {
    eng_expire($opts['store']);
    $st = qbo_push($conn, 'customer', tr_customer($id, 'crlf'));
    $s = qbo_status($conn);
    echo "$what: push {$st['state']}, queued ", var_export($st['queued'], true), "; status {$s['status']}, reason {$s['reason']}\n";
    echo "  message: ", preg_replace('/ \(the connection.*$/', '', $s['message']), "\n";
}
$stored = tr_open_token($opts['store'], 'access');
echo "stored access token: ", $stored === 'good-access-1' ? 'still the last good one' : var_export($stored, true), "\n";

eng_expire($opts['store']);
$st = qbo_push($conn, 'customer', tr_customer('3', 'crlf'));
echo "good token again: status ", qbo_status($conn)['status'], ", reason ", var_export(qbo_status($conn)['reason'], true), "\n";
$injected = 0;
$bearers = [];
foreach (hs_requests($hs) as $r) {
    foreach ($r['headers'] as $h) {
        if (stripos($h, 'X-Injected') !== false) {
            $injected++;
        }
        if (stripos($h, 'Authorization: Bearer') === 0) {
            $bearers[substr($h, 22)] = true;
        }
    }
}
echo "headers injected: $injected; bearer tokens sent: ", implode(', ', array_keys($bearers)), "\n";
echo "log: ", count(qbo_test_store_rows($opts['store'], "SELECT 1 FROM log WHERE level = 'error' AND message LIKE '%line break (CR/LF)%'")) > 0 ? 'names the CR/LF' : 'silent', "\n";
hs_stop($hs);

// at the code exchange: refused, nothing stored
$hs = hs_start([['path' => '/oauth2/v1/tokens/bearer', 'responses' => [$tok("a\nb", 'r')]]]);
try {
    hs_connect($hs);
    echo "exchange accepted\n";
} catch (QboSync\Exception $e) {
    echo "exchange: ", get_class($e), ": ", str_contains($e->getMessage(), 'line break') ? 'names the line break' : $e->getMessage(), "\n";
}
hs_stop($hs);

function eng_expire(string $store): void
{
    qbo_test_store_exec($store, 'UPDATE conn SET access_expires = 0');
}
?>
--EXPECT--
connected: Active
CR/LF: push Not Tried, queued true; status Error, reason token_answer_refused
  message: QuickBooks' token service sent an access token that holds a line break (CR/LF) at position 12; it was refused and nothing was stored
NUL: push Not Tried, queued true; status Error, reason token_answer_refused
  message: QuickBooks' token service sent an access token that holds a NUL byte at position 1; it was refused and nothing was stored
stored access token: still the last good one
good token again: status Active, reason NULL
headers injected: 0; bearer tokens sent: good-access-4
log: names the CR/LF
exchange: QboSync\Exception: names the line break
