--TEST--
Transport: an environment that is plain http to a host other than loopback is refused before any connection is made
--FILE--
<?php
require __DIR__ . '/transport.inc';

// 10.255.255.1 is never contacted: the refusal comes from the URL alone
foreach (['http://10.255.255.1', 'http://127.0.0.1.example.com:8080', 'http://localhost.example', 'ftp://127.0.0.1'] as $env) {
    $opts = qbo_test_options(['environment' => $env]);
    try {
        $conn = qbo_connect($opts);
        $url = qbo_oauth_url($conn);
        echo "$env: not refused ($url)\n";
    } catch (QboSync\Exception $e) {
        $m = $e->getMessage();
        echo $env, ': ', get_class($e), "\n";
        // says what is wrong and what to do, and it is not a network failure
        var_dump(str_contains($m, $env), str_contains($m, 'https'),
            str_contains($m, 'Could not talk') || str_contains($m, 'No answer'));
    }
}
echo $m, "\n";
// loopback in plain http is the local sandbox, and works
$conn = qbo_connect(qbo_test_options());
var_dump(str_starts_with(qbo_oauth_url($conn), qbo_test_sandbox() . '/connect/oauth2?'));
?>
--EXPECTF--
http://10.255.255.1: QboSync\Exception
bool(true)
bool(true)
bool(false)
http://127.0.0.1.example.com:8080: QboSync\Exception
bool(true)
bool(true)
bool(false)
http://localhost.example: QboSync\Exception
bool(true)
bool(true)
bool(false)
ftp://127.0.0.1: QboSync\Exception
bool(true)
bool(true)
bool(false)
%s
bool(true)
