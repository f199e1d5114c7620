--TEST--
OAuth: tokens are stored sealed with the encryption key: no token text in any column or in the file (either backend), and they open only with the key
--INI--
pcre.jit=0
--FILE--
<?php
require __DIR__ . '/transport.inc';

$realm = qbo_test_company();
$opts = qbo_test_options();
$conn = qbo_connect($opts);
$back = qbo_test_consent(qbo_oauth_url($conn), $realm);
qbo_oauth_exchange($conn, $back['code'], $back['state'], $back['realmId']);
var_dump(qbo_status($conn)['status']);

$access = tr_open_token($opts['store'], 'access');
$refresh = tr_open_token($opts['store'], 'refresh');
// what the sandbox issued: a ~900-character access token and an "AB11..." refresh token
var_dump(is_string($access) && strlen($access) > 500 && str_starts_with($access, 'eyJ'));
var_dump(is_string($refresh) && preg_match('/^AB11\d{10}[A-Za-z0-9]{36}$/', $refresh) === 1);

// no column of any table holds any of them (nor the authorization code) in clear text
$cells = tr_store_cells($opts['store']);
$leaks = 0;
foreach ($cells as [$table, $col, $val]) {
    if (!is_string($val)) {
        continue;
    }
    foreach ([$access, $refresh, $back['code'], 'eyJlbmMi'] as $secret) {
        if (str_contains($val, $secret)) {
            echo "clear text in $table.$col\n";
            $leaks++;
        }
    }
    if (preg_match('/AB11\d{10}[A-Za-z0-9]{36}/', $val)) {
        echo "refresh-token-shaped text in $table.$col\n";
        $leaks++;
    }
}
var_dump(count($cells) > 10, $leaks);
// nor do the raw bytes of the database file and its write-ahead log (on MariaDB: every cell's bytes)
$raw = qbo_test_store_raw($opts['store']);
var_dump(strlen($raw) > 0, str_contains($raw, $access), str_contains($raw, $refresh), str_contains($raw, $back['code']));

// the blobs open only with the right key and only in their own place
var_dump(tr_open_token($opts['store'], 'refresh', str_repeat('ab', 32)));
var_dump(tr_open_token($opts['store'], 'refresh', QBO_TEST_KEY, 'access'));

// and they are the live tokens: the access token reads the company from the sandbox
$r = qbo_test_http('GET', "/v3/company/$realm/companyinfo/$realm?minorversion=75",
    null, ['Authorization: Bearer ' . $access, 'Accept: application/json']);
var_dump($r['status'] !== 401 && $r['status'] !== 403);
?>
--EXPECT--
string(6) "Active"
bool(true)
bool(true)
bool(true)
int(0)
bool(true)
bool(false)
bool(false)
bool(false)
bool(false)
bool(false)
bool(true)
