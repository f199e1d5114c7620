--TEST--
A Disconnected connection tells someone: after a revocation the process that meets invalid_grant calls on_disconnect once with (reason, message), writes an error line to the log and qbo_status() carries the reason; another process that only finds it Disconnected is not told again
--INI--
pcre.jit=0
--FILE--
<?php
require __DIR__ . '/transport.inc';

$told = [];
$cb = function (string $reason, string $message) use (&$told) { $told[] = "$reason | " . (str_contains($message, 'revoked') ? 'says revoked' : $message); };
[$conn, $realm, $opts] = qbo_test_connect(['delivery' => 'inline', 'on_disconnect' => $cb]);
tr_revoke(tr_open_token($opts['store'], 'refresh'));
qbo_test_store_exec($opts['store'], 'UPDATE conn SET access_expires = 0');
try {
    qbo_push($conn, 'customer', tr_customer('1', 'dn'));
    echo "push returned\n";
} catch (QboSync\AuthException $e) {
    echo "push: AuthException\n";
}
echo "told: ", implode('; ', $told), "\n";
$s = qbo_status($conn);
echo "status: {$s['status']}, reason: {$s['reason']}, queued: {$s['queued']}\n";
echo "log lines: ", count(qbo_test_store_rows($opts['store'], "SELECT 1 FROM log WHERE level = 'error' AND message LIKE 'QuickBooks connection Disconnected (refresh_token_refused)%'")), "\n";
// an option that is not callable is refused
try {
    qbo_connect(['on_disconnect' => 'no_such_function_here'] + $opts);
} catch (TypeError $e) {
    echo get_class($e), ": ", $e->getMessage(), "\n";
}
// another process sharing the store sees Disconnected and is not told
$pid = pcntl_fork();
if ($pid === 0) {
    $n = 0;
    $c = qbo_connect(['on_disconnect' => function () use (&$n) { $n++; }, 'delivery' => 'worker'] + $opts);
    try {
        qbo_push($c, 'customer', tr_customer('2', 'dn'));
        qbo_sync($c);
    } catch (QboSync\AuthException $e) {
    }
    file_put_contents(qbo_test_tmp($opts['store'], '.told'), (string)$n);
    exit(0);
}
pcntl_waitpid($pid, $st);
echo "other process told: ", file_get_contents(qbo_test_tmp($opts['store'], '.told')), "\n";
@unlink(qbo_test_tmp($opts['store'], '.told'));
?>
--EXPECT--
push: AuthException
told: refresh_token_refused | says revoked
status: Disconnected, reason: refresh_token_refused, queued: 1
log lines: 1
TypeError: qbo_connect(): Argument #1 ($options) option "on_disconnect" must be a valid callback, string given
other process told: 0
