--TEST--
Gateway: with the openid scope the code exchange also returns an RS256 id_token (realmid, aud) verifiable with the JWKS
--FILE--
<?php
require __DIR__ . '/edge_helper.inc';
$realm = edge_realm();
$app = edge_app();
$q = http_build_query(['client_id' => $app['client_id'], 'scope' => 'com.intuit.quickbooks.accounting openid',
    'redirect_uri' => 'http://127.0.0.1:9/cb', 'response_type' => 'code', 'state' => 's', 'sandbox_auto' => 'approve', 'realm' => $realm]);
$code = edge_location_query(sbx_http('GET', '/connect/oauth2?' . $q))['code'];
$t = edge_token_call($app, ['grant_type' => 'authorization_code', 'code' => $code, 'redirect_uri' => 'http://127.0.0.1:9/cb']);
echo implode(',', array_keys($t['json'])), "\n";
[$h, $p, $sig] = explode('.', $t['json']['id_token']);
$d = fn(string $x) => base64_decode(strtr($x, '-_', '+/') . str_repeat('=', (4 - strlen($x) % 4) % 4));
$head = json_decode($d($h), true);
$claims = json_decode($d($p), true);
echo $head['alg'], ' ', $claims['realmid'] === $realm ? 'realmid ok' : 'realmid wrong', ' ', $claims['aud'] === [$app['client_id']] ? 'aud ok' : 'aud wrong', ' ',
    $claims['exp'] - $claims['iat'], "\n";
$disc = sbx_http('GET', '/.well-known/openid_sandbox_configuration')['json'];
echo $claims['iss'] === $disc['issuer'] ? 'issuer matches discovery' : 'issuer differs', "\n";
$jwk = null;
foreach (sbx_http('GET', $disc['jwks_uri'])['json']['keys'] as $k) {
    if ($k['kid'] === $head['kid']) {
        $jwk = $k;
    }
}
// JWK (n, e) -> SubjectPublicKeyInfo DER -> PEM
$len = fn(int $n) => $n < 128 ? chr($n) : (($b = ltrim(pack('N', $n), "\0")) === '' ? '' : chr(0x80 | strlen($b)) . $b);
$int = fn(string $v) => "\x02" . $len(strlen($v = (ord($v[0]) > 127 ? "\0" . $v : $v))) . $v;
$seq = fn(string $v) => "\x30" . $len(strlen($v)) . $v;
$rsa = $seq($int($d($jwk['n'])) . $int($d($jwk['e'])));
$spki = $seq($seq("\x06\x09\x2a\x86\x48\x86\xf7\x0d\x01\x01\x01\x05\x00") . "\x03" . $len(strlen($rsa) + 1) . "\0" . $rsa);
$pem = "-----BEGIN PUBLIC KEY-----\n" . chunk_split(base64_encode($spki), 64, "\n") . "-----END PUBLIC KEY-----\n";
echo 'signature ', openssl_verify("$h.$p", $d($sig), $pem, OPENSSL_ALGO_SHA256) === 1 ? 'valid' : 'INVALID', "\n";
echo 'tampered ', openssl_verify("$h.$p" . 'x', $d($sig), $pem, OPENSSL_ALGO_SHA256) === 1 ? 'valid' : 'rejected', "\n";
// refresh responses carry no id_token
$r = edge_token_call($app, ['grant_type' => 'refresh_token', 'refresh_token' => $t['json']['refresh_token']]);
echo isset($r['json']['id_token']) ? 'id_token on refresh' : 'no id_token on refresh', "\n";
?>
--EXPECT--
token_type,access_token,expires_in,refresh_token,x_refresh_token_expires_in,id_token
RS256 realmid ok aud ok 3600
issuer matches discovery
signature valid
tampered rejected
no id_token on refresh
