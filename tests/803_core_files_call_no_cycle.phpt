--TEST--
The core's C files (ext/core, ext/core/qbo) call each other without a cycle: read from the built objects (the names each defines and each calls, nm), no file reaches back to itself through the calls of others, so each file's callers stand above it (the engine's stages, the kind table and its kinds' files, the store's backends)
--SKIPIF--
<?php
$root = dirname(__DIR__);
if (!glob("$root/ext/core/.libs/*.o")) die('skip the built objects of ext/core are not here (an installed build)');
exec('command -v nm', $o, $rc);
if ($rc !== 0) die('skip nm (binutils) not installed');
?>
--FILE--
<?php
$root = dirname(__DIR__);
$objs = array_merge(glob("$root/ext/core/.libs/*.o"), glob("$root/ext/core/qbo/.libs/*.o"));
$defs = $uses = [];
foreach ($objs as $o) {
    $f = basename($o, '.o');
    $out = [];
    exec('nm ' . escapeshellarg($o), $out, $rc);
    if ($rc !== 0) {
        echo "nm failed on $f\n";
        continue;
    }
    foreach ($out as $l) {
        $p = preg_split('/\s+/', trim($l));
        if (count($p) === 3 && strpbrk($p[1], 'TDBR') !== false && strlen($p[1]) === 1) {
            $defs[$f][$p[2]] = true;
        } elseif (count($p) === 2 && $p[0] === 'U') {
            $uses[$f][$p[1]] = true;
        }
    }
}
$owner = [];
foreach ($defs as $f => $names) {
    foreach ($names as $n => $_) {
        $owner[$n] = $f;
    }
}
$calls = [];
foreach ($uses as $f => $names) {
    foreach ($names as $n => $_) {
        if (isset($owner[$n]) && $owner[$n] !== $f) {
            $calls[$f][$owner[$n]][] = $n;
        }
    }
}
echo "files read: ", count($defs) >= 60 ? 'at least 60' : count($defs), "\n";
/* Tarjan's strongly connected components */
$index = $low = $on = [];
$stack = [];
$next = 0;
$cycles = [];
$visit = function ($v) use (&$visit, &$index, &$low, &$on, &$stack, &$next, &$cycles, $calls) {
    $index[$v] = $low[$v] = $next++;
    $stack[] = $v;
    $on[$v] = true;
    foreach (array_keys($calls[$v] ?? []) as $w) {
        if (!isset($index[$w])) {
            $visit($w);
            $low[$v] = min($low[$v], $low[$w]);
        } elseif (!empty($on[$w])) {
            $low[$v] = min($low[$v], $index[$w]);
        }
    }
    if ($low[$v] === $index[$v]) {
        $c = [];
        do {
            $w = array_pop($stack);
            $on[$w] = false;
            $c[] = $w;
        } while ($w !== $v);
        if (count($c) > 1) {
            $cycles[] = $c;
        }
    }
};
foreach (array_keys($defs) as $v) {
    if (!isset($index[$v])) {
        $visit($v);
    }
}
if (!$cycles) {
    echo "call cycles: none\n";
}
foreach ($cycles as $c) {
    sort($c);
    echo "a cycle of ", count($c), " files: ", implode(', ', $c), "\n";
    foreach ($c as $a) {
        foreach ($calls[$a] ?? [] as $b => $names) {
            if (in_array($b, $c, true)) {
                sort($names);
                echo "  $a -> $b: ", implode(', ', $names), "\n";
            }
        }
    }
}
?>
--EXPECT--
files read: at least 60
call cycles: none
