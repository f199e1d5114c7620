--TEST--
The connect option log: one entry per QuickBooks exchange (token exchange, API calls, revoke) with method, path, status, intuit_tid and bodies whose secrets are removed; a throwing log does not stop the sync; a non-callable is refused
--FILE--
<?php
require __DIR__ . '/engine.inc';
$log = [];
$opts = qbo_test_options(['log' => function (array $e) use (&$log) { $log[] = $e; }]);
[$c, $realm] = qbo_test_connect($opts);
$s = qbo_push($c, 'customer', eng_customer('7', 'Log', 'Tester', 'log7@example.com'));
qbo_sync($c);
echo "customer: ", qbo_entities($c, ['kind' => 'customer', 'id' => '7'])[0]['state'], "\n";
$secrets = [QBO_TEST_CLIENT_SECRET, eng_unseal($opts['store'], 'refresh'), eng_unseal($opts['store'], 'access')];
$token = array_values(array_filter($log, fn($e) => str_ends_with($e['path'], '/tokens/bearer')))[0];
echo "token exchange: {$token['method']} {$token['path']} {$token['status']}\n";
echo "  code removed: ", preg_match('/(^|&)code=\*\*\*(&|$)/', $token['request']) ? 'yes' : 'no', "\n";
echo "  tokens removed: ", str_contains($token['response'], '"access_token":"***"') && str_contains($token['response'], '"refresh_token":"***"') ? 'yes' : 'no', "\n";
$api = array_values(array_filter($log, fn($e) => $e['method'] === 'POST' && preg_match('~^/v3/company/\d+/(customer|batch)$~', $e['path'])));
echo "customer create logged: ", count($api) >= 1 ? 'yes' : 'no', ", status ", $api[0]['status'], ", intuit_tid ", $api[0]['intuit_tid'] ? 'set' : 'missing',
    ", body names the customer: ", str_contains($api[0]['request'], 'Log Tester') ? 'yes' : 'no', "\n";
$leaks = 0;
foreach ($log as $e) {
    foreach ($secrets as $sec) {
        $leaks += substr_count(json_encode($e), $sec) + substr_count(implode(' ', array_map('strval', $e)), $sec);
    }
}
echo "entries: ", count($log) >= 3 ? 'several' : count($log), ", secrets in them: $leaks\n";
echo "every entry has: ", implode(',', array_keys($log[0])), "\n";

// a log that throws: the sync goes on and the exception does not reach the caller
$c2 = qbo_connect(['log' => function () { throw new RuntimeException('log broke'); }] + $opts);
qbo_push($c2, 'customer', eng_customer('8', 'Throw', 'Tester', 'log8@example.com'));
qbo_sync($c2);
echo "with a throwing log: ", qbo_entities($c2, ['kind' => 'customer', 'id' => '8'])[0]['state'], "\n";
// without the option, nothing more is logged
$n = count($log);
$c3 = qbo_connect(array_diff_key($opts, ['log' => 1]));
qbo_push($c3, 'customer', eng_customer('9', 'Quiet', 'Tester', 'log9@example.com'));
qbo_sync($c3);
echo "after a connect without log: ", count($log) - $n, " new entries\n";
try {
    qbo_connect(['log' => 'not a function'] + $opts);
} catch (TypeError $e) {
    echo get_class($e), ': ', $e->getMessage(), "\n";
}
?>
--EXPECT--
customer: Synced
token exchange: POST /oauth2/v1/tokens/bearer 200
  code removed: yes
  tokens removed: yes
customer create logged: yes, status 200, intuit_tid set, body names the customer: yes
entries: several, secrets in them: 0
every entry has: method,url,path,status,request,response,intuit_tid,ms,error
with a throwing log: Synced
after a connect without log: 0 new entries
TypeError: qbo_connect(): Argument #1 ($options) option "log" must be a callable (fn(array $entry): void, called per QuickBooks exchange), string given
