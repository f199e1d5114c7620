--TEST--
qbo_log: the delivery log newest first, each line with its level, record and message (a refusal at level error, named once), filtered by kind and id, limited; bad filters refused; no token or secret in any line
--FILE--
<?php
require __DIR__ . '/engine.inc';
[$conn, $realm, $opts] = qbo_test_connect(['delivery' => 'inline']);
qbo_push($conn, 'customer', eng_customer('40', 'Kim', 'Ola', 'kim@example.com'));
qbo_push($conn, 'invoice', eng_invoice('41', '40', '9.00', 'D-1'));
try {
    qbo_push($conn, 'invoice', eng_invoice('42', '40', '5.00', 'D-1'));   // the same number again
} catch (QboSync\ApiException $e) {
}
$all = qbo_log($conn, ['type' => 'decision']);   // the engine's decisions (the exchanges: tests 750+)
echo "lines: ", count($all), "\n";
foreach ($all as $l) {
    printf("%s %-8s %-6s %s\n", $l['level'], $l['kind'] ?? '-', $l['id'] ?? '-', $l['message']);
}
$times = array_column($all, 'at');
$sorted = $times;
rsort($sorted);
echo "newest first: ", var_export($times === $sorted, true), "\n";
echo "ISO times: ", var_export(count(preg_grep('/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/', $times)) === count($times), true), "\n";

$inv = qbo_log($conn, ['kind' => 'invoice', 'type' => 'decision']);
echo "invoice lines: ", count($inv), ", all invoice: ", var_export(array_unique(array_column($inv, 'kind')) === ['invoice'], true), "\n";
$one = qbo_log($conn, ['kind' => 'invoice', 'id' => '42', 'type' => 'decision']);
echo "invoice 42: ", count($one), " ", $one[0]['level'], ", names invoice 41: ", var_export(str_contains($one[0]['message'], 'is already the record of Invoice 41'), true), "\n";
echo "limit 2: ", count(qbo_log($conn, ['limit' => 2, 'type' => 'decision'])), ", the newest: ", var_export(qbo_log($conn, ['limit' => 1, 'type' => 'decision'])[0] === $all[0], true), "\n";

// nothing secret: the client secret, the tokens, the encryption key
$text = json_encode($all);
$secrets = [$opts['client_secret'], $opts['encryption_key'], eng_unseal($opts['store'], 'access'), eng_unseal($opts['store'], 'refresh')];
$found = array_filter($secrets, fn($s) => $s !== '' && str_contains($text, $s));
echo "secrets in the log: ", count($found), "\n";

foreach ([['limit' => 0], ['limit' => 10001], ['limit' => '5'], ['colour' => 'red'], ['kind' => 7]] as $f) {
    try {
        qbo_log($conn, $f);
        echo "accepted\n";
    } catch (Throwable $e) {
        echo get_class($e), ": ", $e->getMessage(), "\n";
    }
}
?>
--EXPECTF--
lines: 5
error invoice  42     Invoice 42: QuickBooks Invoice number D-1 (QBO Invoice %d) is already the record of Invoice 41; two billing records share this number: renumber one of them, or map this one with qbo_map()
info invoice  41     Invoice 41: created QBO Invoice %d (version 1)
info item     *      Created the fallback item 'Billing Services' (QBO Item %d)
info customer 40     Customer 40: created QBO Customer %d (version 1)
info -        -      Connected to QuickBooks company %d
newest first: true
ISO times: true
invoice lines: 2, all invoice: true
invoice 42: 1 error, names invoice 41: true
limit 2: 2, the newest: true
secrets in the log: 0
ValueError: qbo_log(): Argument #2 ($filter) filter "limit" must be between 1 and 10000
ValueError: qbo_log(): Argument #2 ($filter) filter "limit" must be between 1 and 10000
TypeError: qbo_log(): Argument #2 ($filter) filter "limit" must be of type int, string given
ValueError: qbo_log(): Argument #2 ($filter) contains unknown filter "colour" (use level, kind, id, code, intuit_tid, since, until, type, limit or offset)
TypeError: qbo_log(): Argument #2 ($filter) filter "kind" must be of type string, int given
