--TEST--
Persistent transport: the engine asks for gzip and reads gzip-compressed answers (the records are Synced with the Ids of the compressed bodies), and its QBO requests reuse one kept-alive connection, also after the Connection object is gone and qbo_connect hands out the cached engine again
--FILE--
<?php
require __DIR__ . '/transport.inc';
require __DIR__ . '/hostile_server.inc';   /* hs_tokens */
require __DIR__ . '/keepalive_server.inc';
$realm = '4620816365000001';
$json = ['Content-Type' => 'application/json'];
$made = [];
for ($i = 1; $i <= 4; $i++) {
    $made[] = ['status' => 200, 'headers' => $json, 'gzip' => true, 'body' => json_encode(['Customer' => [
        'Id' => (string)(700 + $i), 'SyncToken' => '0', 'DisplayName' => "Transport Test ka $i",
        'GivenName' => 'Transport', 'FamilyName' => "ka $i"], 'time' => '2026-11-20T10:00:00-08:00'])];
}
$ka = ka_start([
    ['path' => '/oauth2/v1/tokens/bearer', 'responses' => [['status' => 200, 'headers' => $json, 'body' => hs_tokens('access-1', 'refresh-1')]]],
    ['path' => "/v3/company/$realm/query", 'responses' => [['status' => 200, 'headers' => $json, 'gzip' => true,
        'body' => '{"QueryResponse":{},"time":"2026-11-20T10:00:00-08:00"}']]],
    ['method' => 'POST', 'path' => "/v3/company/$realm/customer", 'responses' => $made],
]);
$opts = qbo_test_options(['environment' => 'http://127.0.0.1:' . $ka[2], 'delivery' => 'inline']);
$conn = qbo_connect($opts);
parse_str((string)parse_url(qbo_oauth_url($conn), PHP_URL_QUERY), $q);
qbo_oauth_exchange($conn, 'code-ka', $q['state'], $realm);
for ($i = 1; $i <= 3; $i++) {
    $s = qbo_push($conn, 'customer', tr_customer((string)$i, 'ka'));
    echo "customer $i: {$s['state']}, QBO Id ", var_export($s['qbo_id'], true), "\n";
}
unset($conn);
$conn = qbo_connect($opts);   /* the cached engine, with its connections */
$s = qbo_push($conn, 'customer', tr_customer('4', 'ka'));
echo "customer 4 (engine handed out again): {$s['state']}, QBO Id ", var_export($s['qbo_id'], true), "\n";
$api = array_values(array_filter(ka_requests($ka), fn($r) => str_starts_with($r['path'], '/v3/')));
$gzip = array_filter($api, fn($r) => (bool)preg_grep('/^accept-encoding:.*\bgzip\b/i', $r['headers']));
echo "QBO requests: ", count($api) >= 4 ? 'one or more per record' : count($api), ", each asking for gzip: ", var_export(count($gzip) === count($api), true), "\n";
echo "TCP connections they came on: ", count(array_unique(array_column($api, 'conn'))), "\n";
ka_stop($ka);
?>
--EXPECT--
customer 1: Synced, QBO Id '701'
customer 2: Synced, QBO Id '702'
customer 3: Synced, QBO Id '703'
customer 4 (engine handed out again): Synced, QBO Id '704'
QBO requests: one or more per record, each asking for gzip: true
TCP connections they came on: 1
