--TEST--
qs_json_parse (how QBO's answers are read) gives json-c's tokener's tree for every answer shape the sandbox gives, for hostile JSON (numbers at the int64 / uint64 / double edges, escapes, surrogates, invalid UTF-8, repeated names, NUL bytes, nesting, trailing text) and for random changes of all of them, and qs_json_parse_dropping (how answers to writes are read) gives that tree without the members it leaves out: tests/fixtures/json_parse_diff.c compared against json-c, natively and (fewer changes) under valgrind
--FILE--
<?php
$root = dirname(__DIR__);
$dir = sys_get_temp_dir() . '/qbosync-json-diff-' . getmypid();
@mkdir($dir);
// the sandbox's answers (tests/fixtures/qbo-answers.b64, one base64 line each) as length-prefixed records
$rec = '';
$answers = 0;
foreach (file("$root/tests/fixtures/qbo-answers.b64", FILE_IGNORE_NEW_LINES | FILE_SKIP_EMPTY_LINES) as $line) {
    $b = base64_decode($line, true);
    $rec .= strlen($b) . "\n" . $b;
    $answers++;
}
file_put_contents("$dir/records", $rec);
echo "answers: $answers\n";
$cc = 'gcc -std=c99 -Wall -Wextra -Werror -O2 -I ' . escapeshellarg("$root/ext/core") . ' -o ' . escapeshellarg("$dir/diff")
    . ' ' . escapeshellarg("$root/tests/fixtures/json_parse_diff.c") . ' ' . escapeshellarg("$root/ext/core/qs_json.c") . ' -ljson-c 2>&1';
exec($cc, $out, $rc);
echo "compiled: $rc\n", implode("\n", $out), $out ? "\n" : '';
// under script/test's valgrind pass (VALGRIND_OPTS set) this process and its children already run
// under memcheck: the program then runs with few changes, and not under a valgrind of its own
$traced = getenv('VALGRIND_OPTS') !== false;
$out = [];
exec(escapeshellarg("$dir/diff") . ' ' . escapeshellarg("$dir/records") . ($traced ? ' 4' : ' 300') . ' 2>&1', $out, $rc);
echo "native: exit $rc\n", preg_replace('/\d+ (inputs|by the fast|refused)/', 'N $1', implode("\n", $out)), "\n";
$out = [];
exec(($traced ? '' : 'valgrind -q --error-exitcode=3 --leak-check=full --errors-for-leak-kinds=definite,indirect ')
    . escapeshellarg("$dir/diff") . ' ' . escapeshellarg("$dir/records") . ' 4 2>&1', $out, $rc);
echo "memcheck: exit $rc\n", preg_replace('/\d+ (inputs|by the fast|refused)/', 'N $1', implode("\n", $out)), "\n";
array_map('unlink', glob("$dir/*"));
rmdir($dir);
?>
--EXPECT--
answers: 166
compiled: 0
native: exit 0
corpus: 166 answers, 159 JSON objects, 0 of them not by the fast parse
corpus: 146 answers with members the dropping parse left out
in all: N inputs, N by the fast parse, N refused by json-c, 0 differ
memcheck: exit 0
corpus: 166 answers, 159 JSON objects, 0 of them not by the fast parse
corpus: 146 answers with members the dropping parse left out
in all: N inputs, N by the fast parse, N refused by json-c, 0 differ
