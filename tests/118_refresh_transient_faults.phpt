--TEST--
Token refresh under one transient fault of each kind (dropped before/after the token service acted, truncated, timed out, 500, 503, 502 HTML, 429, a 401 without an OAuth error body, an HTML 400, an HTML 403, slow): the refresh is retried, the connection stays Active and the record is delivered once
--INI--
pcre.jit=0
--FILE--
<?php
require __DIR__ . '/transport.inc';

$app = qbo_test_http('POST', '/_sandbox/apps', ['name' => 'transient faults'])['json'];
[$conn, $realm, $opts] = qbo_test_connect(['delivery' => 'worker', 'timeout' => 2,
    'client_id' => $app['client_id'], 'client_secret' => $app['client_secret']]);
$kinds = [
    'drop before' => ['kind' => 'drop', 'when' => 'before'],
    'drop after' => ['kind' => 'drop', 'when' => 'after'],
    'truncate after' => ['kind' => 'truncate', 'when' => 'after'],
    'timeout before' => ['kind' => 'timeout', 'when' => 'before', 'delay_ms' => 3000],
    'timeout after' => ['kind' => 'timeout', 'when' => 'after', 'delay_ms' => 3000],
    '500' => ['kind' => '500'],
    '503' => ['kind' => '503'],
    '502 html' => ['kind' => 'html'],
    '429' => ['kind' => '429'],
    '401 without OAuth error' => ['kind' => '401'],
    'html 400' => ['kind' => 'html', 'status' => 400],
    'html 403' => ['kind' => 'html', 'status' => 403],
    'slow' => ['kind' => 'slow', 'delay_ms' => 500],
];
$n = 0;
foreach ($kinds as $name => $fault) {
    $n++;
    qbo_test_fault($fault + ['path' => '/oauth2/v1/tokens/bearer', 'client_id' => $app['client_id'], 'count' => 1]);
    eng_expire_now($opts['store']);
    qbo_push($conn, 'customer', tr_customer((string)$n, 'tf'));
    qbo_sync($conn);
    $e = qbo_entities($conn, ['kind' => 'customer', 'id' => (string)$n])[0];
    $s = qbo_status($conn);
    echo "$name: {$s['status']}, {$e['state']}, ", count(tr_qbo_customers($realm, "Transport Test tf $n")), " in QBO\n";
}
qbo_test_http('DELETE', '/_sandbox/faults', ['client_id' => $app['client_id']]);

function eng_expire_now(string $store): void
{
    qbo_test_store_exec($store, 'UPDATE conn SET access_expires = 0');
}
?>
--EXPECT--
drop before: Active, Synced, 1 in QBO
drop after: Active, Synced, 1 in QBO
truncate after: Active, Synced, 1 in QBO
timeout before: Active, Synced, 1 in QBO
timeout after: Active, Synced, 1 in QBO
500: Active, Synced, 1 in QBO
503: Active, Synced, 1 in QBO
502 html: Active, Synced, 1 in QBO
429: Active, Synced, 1 in QBO
401 without OAuth error: Active, Synced, 1 in QBO
html 400: Active, Synced, 1 in QBO
html 403: Active, Synced, 1 in QBO
slow: Active, Synced, 1 in QBO
