--TEST--
Back-off that always ends: a 429 whose Retry-After is a year, a date in 5195 or a 500-digit number pauses the store at most the cap (3600 s); an HTTP date is read as a date, a malformed value is ignored (60 s), and a pause an older store saved beyond the cap is ignored
--INI--
pcre.jit=0
--FILE--
<?php
require __DIR__ . '/transport.inc';
require __DIR__ . '/hostile_server.inc';

function run_case(string $retryAfter): array
{
    $hs = hs_start([
        ['path' => '/oauth2/v1/tokens/bearer', 'responses' => [['status' => 200, 'headers' => ['Content-Type' => 'application/json'],
            'body' => hs_tokens('access-' . bin2hex(random_bytes(8)), 'refresh-' . bin2hex(random_bytes(8)))]]],
        ['path' => '/v3/company/', 'responses' => [['status' => 429, 'headers' => ['Content-Type' => 'application/json',
            'Retry-After' => $retryAfter], 'body' => '{"fault":{"error":[{"message":"ThrottleExceeded","code":"3001"}],"type":"SERVICE"}}']]],
    ]);
    [$conn, $opts] = hs_connect($hs, ['delivery' => 'worker']);
    qbo_push($conn, 'customer', tr_customer('1', 'ra'));
    qbo_sync($conn);
    $now = time();
    $row = tr_conn_row($opts['store']);
    $ob = qbo_test_store_rows($opts['store'], 'SELECT next_try FROM outbox')[0];
    hs_stop($hs);
    return [(float)$row['throttled_until'] - $now, (float)$ob['next_try'] - $now, $conn, $opts];
}

$cases = [
    'a year in seconds' => '31536000',
    'a date in 5195' => 'Fri, 16 Oct 5195 00:00:00 GMT',
    '500 digits' => str_repeat('9', 500),
    'a date 30 minutes ahead' => gmdate('D, d M Y H:i:s', time() + 1800) . ' GMT',
    'malformed' => 'soon',
    'negative' => '-5',
];
foreach ($cases as $name => $value) {
    [$pause, $next] = run_case($value);
    $p = $pause > 3601 ? 'over the cap' : ($pause >= 3590 ? 'the cap' : ($pause > 61 && $pause <= 1802 ? 'up to that date'
        : ($pause >= 55 && $pause <= 61 ? 'the default 60 s' : sprintf('%.0f s', $pause))));
    echo "$name: pause $p, record retried ", $next <= 3601 ? 'within the cap' : 'after the cap', "\n";
}

// a store that holds an uncapped pause (year 5195) from before: it is not honoured
[, , $conn, $opts] = run_case('30');
qbo_test_store_exec($opts['store'], 'UPDATE conn SET throttled_until = 100000000000');
qbo_test_store_exec($opts['store'], 'UPDATE outbox SET next_try = 0');
$hs = hs_start([
    ['path' => '/oauth2/v1/tokens/bearer', 'responses' => [['status' => 200, 'headers' => ['Content-Type' => 'application/json'],
        'body' => hs_tokens('access-x', 'refresh-x')]]],
    ['path' => '/v3/company/', 'responses' => [['status' => 429, 'headers' => ['Retry-After' => '30'], 'body' => 'slow down']]],
]);
[$conn2, $opts2] = hs_connect($hs, ['delivery' => 'worker']);
qbo_test_store_exec($opts2['store'], 'UPDATE conn SET throttled_until = 100000000000');
qbo_push($conn2, 'customer', tr_customer('2', 'ra'));
$r = qbo_sync($conn2);
$sent = count(array_filter(hs_requests($hs), fn($q) => str_starts_with($q['path'], '/v3/')));
$left = (float)tr_conn_row($opts2['store'])['throttled_until'] - time();
hs_stop($hs);
echo "poisoned store: sent to QBO anyway: ", $sent > 0 ? 'yes' : 'no', ", new pause ", $left <= 31 ? 'from the new Retry-After' : 'kept the old one', "\n";
?>
--EXPECT--
a year in seconds: pause the cap, record retried within the cap
a date in 5195: pause the cap, record retried within the cap
500 digits: pause the cap, record retried within the cap
a date 30 minutes ahead: pause up to that date, record retried within the cap
malformed: pause the default 60 s, record retried within the cap
negative: pause the default 60 s, record retried within the cap
poisoned store: sent to QBO anyway: yes, new pause from the new Retry-After
