--TEST--
qbo_push recognises an unchanged document by the stored document's text: pushed again it records nothing new (same version, same updated time), whether the row's hash column holds none (as qbo_push now writes), the SHA-256 of the text (as earlier versions wrote) or a digest of another text; a changed line records a new version with the new text; non-UTF-8 bytes in a line's text, in a field name and in a top-level field are refused with the message naming the field and the byte, and valid non-ASCII text is stored as sent
--FILE--
<?php
require_once __DIR__ . '/qbo.inc';
$opts = qbo_test_options(['delivery' => 'worker']);
$conn = qbo_connect($opts);
$store = $opts['store'];
$inv = fn(string $desc, string $amt = '9.99', array $line = []) => ['id' => 'h1', 'customer' => 'c1', 'number' => 'H-1',
    'date' => '2026-11-23', 'status' => 'unpaid', 'lines' => [['item' => 'hosting', 'description' => $desc, 'quantity' => '1',
    'unit_price' => $amt, 'amount' => $amt] + $line], 'subtotal' => $amt, 'tax_total' => '0.00', 'total' => $amt];
$show = fn(string $what, array $s) => printf("%s: version %d, state %s, queued %s\n", $what, $s['version'], $s['state'],
    var_export($s['queued'], true));
$doc = fn() => qbo_test_store_rows($store, "SELECT doc FROM entity WHERE kind = 'invoice' AND local_id = 'h1'")[0]['doc'];

$s1 = qbo_push($conn, 'invoice', $inv('Shared hosting'));
$show('first push', $s1);
usleep(20000);
$s2 = qbo_push($conn, 'invoice', $inv('Shared hosting'));
$show('the same document again', $s2);
echo "updated kept: ", var_export($s2['updated'] === $s1['updated'], true), "\n";

/* the row keeps no digest of its text; one an earlier version wrote (SHA-256 of the text) holds one */
$hash = fn() => qbo_test_store_rows($store, "SELECT hash FROM entity WHERE kind = 'invoice' AND local_id = 'h1'")[0]['hash'];
echo "hash column of the row: ", var_export(in_array($hash(), [null, ''], true) ? 'empty' : $hash(), true), "\n";
qbo_test_store_exec($store, "UPDATE entity SET hash = ? WHERE kind = 'invoice' AND local_id = 'h1'", [hash('sha256', $doc())]);
$show('again, the row as an earlier version wrote it', qbo_push($conn, 'invoice', $inv('Shared hosting')));
qbo_test_store_exec($store, "UPDATE entity SET hash = ? WHERE kind = 'invoice' AND local_id = 'h1'", [str_repeat('ab', 32)]);
$show('again, the row holding a digest of another text', qbo_push($conn, 'invoice', $inv('Shared hosting')));

$show('a changed line', qbo_push($conn, 'invoice', $inv('Shared hosting, renewed')));
echo "stored text has the change: ", var_export(str_contains($doc(), '"description":"Shared hosting, renewed"'), true), "\n";
$show('a changed amount', qbo_push($conn, 'invoice', $inv('Shared hosting, renewed', '10.99')));
$show('forced (QBO_FORCE), unchanged', qbo_push($conn, 'invoice', $inv('Shared hosting, renewed', '10.99'), QBO_FORCE));

$s = qbo_push($conn, 'invoice', $inv("H\u{e9}bergement \u{2013} 12 \u{20ac} \u{1f600}"));
$show('valid non-ASCII text', $s);
echo "stored as sent: ", var_export(str_contains($doc(), "\"description\":\"H\u{e9}bergement \u{2013} 12 \u{20ac} \u{1f600}\""), true), "\n";

foreach (['a line description' => $inv("Shared \xC3\x28 hosting"),
        'a field name' => $inv('Shared hosting', '9.99', ["not\xFFa_key" => 'x']),
        'a top-level field' => ['number' => "H-\xE2\x82"] + $inv('Shared hosting'),
        'a long text, the bad byte last' => $inv(str_repeat('abcdefgh', 5) . "\xF0\x9F\x98")] as $what => $d) {
    try {
        qbo_push($conn, 'invoice', $d);
        echo "$what: accepted\n";
    } catch (QboSync\ValidationException $e) {
        echo "$what: ", get_class($e), ": ", $e->getMessage(), "\n";
    }
}
$show('after the refusals', qbo_push($conn, 'invoice', $inv("H\u{e9}bergement \u{2013} 12 \u{20ac} \u{1f600}")));
?>
--EXPECT--
first push: version 1, state Not Tried, queued true
the same document again: version 1, state Not Tried, queued true
updated kept: true
hash column of the row: 'empty'
again, the row as an earlier version wrote it: version 1, state Not Tried, queued true
again, the row holding a digest of another text: version 1, state Not Tried, queued true
a changed line: version 2, state Not Tried, queued true
stored text has the change: true
a changed amount: version 3, state Not Tried, queued true
forced (QBO_FORCE), unchanged: version 4, state Not Tried, queued true
valid non-ASCII text: version 5, state Not Tried, queued true
stored as sent: true
a line description: QboSync\ValidationException: Invoice h1: lines[0].description is not valid UTF-8 (byte 0xC3 at position 7); send the text encoded as UTF-8
a field name: QboSync\ValidationException: Invoice h1: lines[0] has a field name that is not valid UTF-8 (byte 0xFF at position 3); send the field names in UTF-8
a top-level field: QboSync\ValidationException: Invoice h1: number is not valid UTF-8 (byte 0xE2 at position 2); send the text encoded as UTF-8
a long text, the bad byte last: QboSync\ValidationException: Invoice h1: lines[0].description is not valid UTF-8 (byte 0xF0 at position 40); send the text encoded as UTF-8
after the refusals: version 5, state Not Tried, queued true
