--TEST--
Exchange log: an answer longer than 64 KiB is kept as its first 64 KiB, never cut inside a UTF-8 sequence, followed by its size in bytes; a shorter answer is kept byte for byte as QuickBooks sent it; the token answer's tokens are removed
--FILE--
<?php
require __DIR__ . '/engine.inc';
$log = [];
$opts = qbo_test_options(['log_bodies' => 'all', 'log' => function (array $e) use (&$log) { $log[] = $e; }]);
[$c, $realm] = qbo_test_connect($opts);
$auth = ['Authorization: Bearer ' . qbo_test_token($realm), 'Accept: application/json'];
// names of 3-byte UTF-8 characters: 60 customers answer a query with well over 64 KiB
$name = fn(int $i, int $pad) => str_repeat('a', $pad) . 'Kunde ' . str_repeat('€', 120) . " $i";
$ids = [];
for ($i = 0; $i < 60; $i++) {
    $ids[] = qbo_test_api($realm, 'POST', 'customer', ['DisplayName' => $name($i, 0)])['json']['Customer']['Id'];
}
// the same request as qbosync's, sent again: the answer QuickBooks sent (its "time" aside)
$again = function (array $e) use ($auth) {
    $h = $auth;
    if ($e['request'] !== '') {
        $h[] = 'Content-Type: application/text';
    }
    return qbo_test_http($e['method'], $e['url'], $e['request'] !== '' ? $e['request'] : null, $h)['raw'];
};
$untime = fn(string $s) => preg_replace('/"time":"[^"]*"/', '"time":"T"', $s);
// the pull's query answer, until the byte at 64 KiB continues a UTF-8 sequence (the first
// customer's name one letter longer moves the answer's bytes after it by one)
for ($pad = 0; $pad < 4; $pad++) {
    if ($pad > 0) {
        $cur = qbo_test_api($realm, 'GET', 'customer/' . $ids[0])['json']['Customer'];
        qbo_test_api($realm, 'POST', 'customer', ['Id' => $ids[0], 'SyncToken' => $cur['SyncToken'], 'sparse' => true,
            'DisplayName' => $name(0, $pad)]);
    }
    $log = [];
    qbo_pull($c, ['kinds' => 'customer', 'full' => true, 'link' => false]);
    $e = array_values(array_filter($log, fn($x) => str_ends_with($x['path'], '/query') && strlen((string)$x['response']) > 60000))[0];
    $raw = $again($e);
    if ((ord($raw[65536]) & 0xC0) === 0x80) {
        break;
    }
}
$keep = 65536;
while ($keep > 0 && (ord($raw[$keep]) & 0xC0) === 0x80) {
    $keep--;
}
echo "answer over 64 KiB: ", var_export(strlen($raw) > 65536, true), ", cut inside a UTF-8 sequence: ", var_export($keep < 65536, true), "\n";
echo "kept: its first ", $keep === strlen($raw) ? 'all' : ($keep > 65530 ? 'about 64 KiB' : $keep), " bytes, then the size: ",
    var_export($e['response'] === substr($raw, 0, $keep) . '… (' . strlen($raw) . ' bytes in all)', true),
    ", valid UTF-8: ", var_export(preg_match('//u', $e['response']) === 1, true), "\n";
$row = array_values(array_filter(qbo_log($c, ['type' => 'exchange', 'limit' => 1000]), fn($r) => str_contains((string)$r['path'], '/query')
    && strlen((string)$r['response']) > 60000));
echo "the stored log row keeps the same: ", var_export($row !== [] && $row[0]['response'] === $e['response'], true), "\n";

// a shorter answer (the company's settings) is kept whole, byte for byte
$ci = array_values(array_filter($log, fn($x) => str_contains($x['path'], '/companyinfo/') || str_contains($x['path'], '/preferences')
    || (str_ends_with($x['path'], '/query') && strlen((string)$x['response']) < 60000 && $x['status'] === 200)));
$same = 0;
foreach ($ci as $x) {
    $same += $untime($x['response']) === $untime($again($x)) ? 1 : 0;
}
echo "shorter answers kept byte for byte: ", $ci !== [] && $same === count($ci) ? 'all' : "$same of " . count($ci), "\n";

// the token answer of another connect: its tokens are removed
[$c2] = qbo_test_connect($opts);
$tok = array_values(array_filter($log, fn($x) => str_ends_with($x['path'], '/tokens/bearer')));
echo "token answer logged: ", count($tok) >= 1 ? 'yes' : 'no', ", tokens removed: ",
    var_export(str_contains($tok[0]['response'], '"access_token":"***"') && str_contains($tok[0]['response'], '"refresh_token":"***"'), true), "\n";
?>
--EXPECT--
answer over 64 KiB: true, cut inside a UTF-8 sequence: true
kept: its first about 64 KiB bytes, then the size: true, valid UTF-8: true
the stored log row keeps the same: true
shorter answers kept byte for byte: all
token answer logged: yes, tokens removed: true
