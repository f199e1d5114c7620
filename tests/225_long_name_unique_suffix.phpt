--TEST--
A 500-character customer name that clashes with another customer's (other email) is made unique with " (id)" and still fits QuickBooks' 500 characters: the name is cut on a character boundary, never refused (2050)
--FILE--
<?php
require __DIR__ . '/engine.inc';
[$conn, $realm] = qbo_test_connect();
$name = str_repeat('Ä', 10) . str_repeat('b', 490);   // 500 characters, 510 bytes
$chars = fn(string $s) => preg_match_all('/./su', $s);
$a = qbo_push($conn, 'customer', ['id' => 'a1', 'first_name' => 'Ann', 'display_name' => $name, 'email' => 'one@example.com']);
$b = qbo_push($conn, 'customer', ['id' => 'long-id-2', 'first_name' => 'Bob', 'display_name' => $name, 'email' => 'two@example.com']);
echo "a: {$a['state']}, b: {$b['state']}", $b['reason'] ? " ({$b['reason']})" : '', "\n";
foreach ([$a, $b] as $s) {
    $dn = qbo_test_api($realm, 'GET', 'customer/' . $s['qbo_id'])['json']['Customer']['DisplayName'];
    echo "{$s['id']}: ", $chars($dn), " characters, valid UTF-8: ", var_export(preg_match('//u', $dn) === 1, true),
        ", ends '", substr($dn, -14), "', the rest is the name's start: ",
        var_export(str_starts_with($name, preg_replace('/ \(long-id-2\)$/', '', $dn)), true), "\n";
}
?>
--EXPECT--
a: Synced, b: Synced
a1: 500 characters, valid UTF-8: true, ends 'bbbbbbbbbbbbbb', the rest is the name's start: true
long-id-2: 500 characters, valid UTF-8: true, ends 'bb (long-id-2)', the rest is the name's start: true
