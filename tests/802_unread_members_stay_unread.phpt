--TEST--
The members of QBO's records that answers to writes are read without (unread_member in ext/core/qs_qbo.c) are named nowhere else in the extension's C sources: a reader of one of them would find it missing and must take it off that list first
--FILE--
<?php
$root = dirname(__DIR__);
$qbo = file_get_contents("$root/ext/core/qs_qbo.c");
preg_match('/static bool unread_member\(.*?\n}\n/s', $qbo, $m);
preg_match_all('/UNREAD\("([A-Za-z]+)"\)/', $m[0] ?? '', $names);
$names = $names[1];
echo "names left out: ", count($names), "\n";
$sorted = $names;
usort($sorted, fn($a, $b) => strlen($a) <=> strlen($b));
echo "sorted by length (the look-up stops at the first longer name): ", var_export(array_map('strlen', $sorted) === array_map('strlen', $names), true), "\n";
$files = array_merge(glob("$root/ext/*.[ch]"), glob("$root/ext/*/*.[ch]"), glob("$root/ext/*/*/*.[ch]"));
$named = [];
foreach ($files as $f) {
    $text = file_get_contents($f);
    if (basename($f) === 'qs_qbo.c') {
        $text = str_replace($m[0], '', $text);   // the list itself
    }
    if (basename($f) === 'qs_json.c') {
        $text = preg_replace('/static const char \*const known_keys\[\] = \{.*?\};/s', '', $text);   // names kept as constant keys
    }
    foreach ($names as $n) {
        if (str_contains($text, "\"$n\"")) {
            $named[] = "$n in " . substr($f, strlen($root) + 1);
        }
    }
}
echo "named elsewhere: ", $named ? implode(', ', $named) : 'none', "\n";
echo "C sources read: ", var_export(count($files) > 50, true), "\n";
?>
--EXPECT--
names left out: 24
sorted by length (the look-up stops at the first longer name): true
named elsewhere: none
C sources read: true
