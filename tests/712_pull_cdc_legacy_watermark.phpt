--TEST--
qbo_pull on a store from before per-kind watermarks: the one "pull.watermark" serves every kind that has none of its own (a CDC pull from it, one request), then each kind's own is stored and used; the old row is left as it was
--FILE--
<?php
require __DIR__ . '/engine.inc';
[$conn, $realm, $options] = qbo_test_connect();
$store = $options['store'];
$meta = fn(string $name) => qbo_test_store_rows($store, "SELECT value FROM meta WHERE name = ?", [$name])[0]['value'] ?? null;

qbo_pull($conn);
$key = qbo_test_store_rows($store, "SELECT conn FROM meta WHERE name LIKE 'pull.%'")[0]['conn'];
// what such a store holds: the one watermark (ten minutes ago), nothing per kind
qbo_test_store_exec($store, "DELETE FROM meta WHERE name LIKE 'pull.%'");
$legacy = gmdate('Y-m-d\TH:i:s', time() - 600) . '.001Z';
qbo_test_store_exec($store, "INSERT INTO meta(conn, name, value, at) VALUES(?, 'pull.watermark', ?, 1)", [$key, $legacy]);

$c = qbo_test_api($realm, 'POST', 'customer', ['DisplayName' => 'After Upgrade'])['json']['Customer'];
$n = count(eng_requests($realm, '/v3/company/*/cdc'));
$r = qbo_pull($conn);
echo "pull: ", $r['mode'], " ", json_encode($r['counts']), "\n";
echo "new customer delivered: ", var_export(in_array('After Upgrade', array_column($r['documents']['customer'], 'display_name'), true), true), "\n";
$cdc = array_slice(eng_requests($realm, '/v3/company/*/cdc'), $n);
foreach ($cdc as $q) {
    echo "cdc ", $q['query']['entities'], " since ", $q['query']['changedSince'] === $legacy ? 'the old watermark' : $q['query']['changedSince'], "\n";
}
echo "per kind stored: ", implode(' ', array_map(fn($k) => $k . '=' . ($meta("pull.watermark.$k") === $r['watermark'] ? 'ok' : 'no'),
    ['customer', 'item', 'invoice', 'payment'])), "\n";
echo "old row: ", $meta('pull.watermark') === $legacy ? 'unchanged' : $meta('pull.watermark'), "\n";

$n = count(eng_requests($realm, '/v3/company/*/cdc'));
$next = qbo_pull($conn);
$q = array_slice(eng_requests($realm, '/v3/company/*/cdc'), $n);
echo "next: ", $next['mode'], " ", json_encode($next['counts']), " since ", count($q) === 1 && $q[0]['query']['changedSince'] === $r['watermark'] ? "the kinds' own" : json_encode($q), "\n";

// one kind without its own watermark (a kind added later) reads from the old one, the others from theirs
qbo_test_store_exec($store, "DELETE FROM meta WHERE name IN ('pull.watermark.payment', 'pull.seen.payment')");
$n = count(eng_requests($realm, '/v3/company/*/cdc'));
qbo_pull($conn);
foreach (array_slice(eng_requests($realm, '/v3/company/*/cdc'), $n) as $q) {
    echo "cdc ", $q['query']['entities'], " since ", $q['query']['changedSince'] === $legacy ? 'the old watermark' : ($q['query']['changedSince'] === $next['watermark'] ? "the kinds' own" : $q['query']['changedSince']), "\n";
}
?>
--EXPECT--
pull: cdc {"customer":4,"item":4,"invoice":0,"payment":0}
new customer delivered: true
cdc Customer,Item,Invoice,Payment since the old watermark
per kind stored: customer=ok item=ok invoice=ok payment=ok
old row: unchanged
next: cdc {"customer":0,"item":0,"invoice":0,"payment":0} since the kinds' own
cdc Customer,Item,Invoice since the kinds' own
cdc Payment since the old watermark
