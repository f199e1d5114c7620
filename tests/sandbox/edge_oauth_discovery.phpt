--TEST--
Gateway: the sandbox discovery document (both spellings) points at the local OAuth endpoints
--FILE--
<?php
require __DIR__ . '/edge_helper.inc';
$a = sbx_http('GET', '/.well-known/openid_sandbox_configuration');
$b = sbx_http('GET', '/.well-known/openid-sandbox-configuration/');
echo $a['status'], ' ', $b['status'], ' ', $a['json'] == $b['json'] ? 'same' : 'differ', "\n";
$base = sbx_base();
foreach (['authorization_endpoint', 'token_endpoint', 'revocation_endpoint', 'userinfo_endpoint'] as $k) {
    echo $k, ' ', str_replace($base, 'BASE', $a['json'][$k]), "\n";
}
echo implode(',', $a['json']['token_endpoint_auth_methods_supported']), ' ', implode(',', $a['json']['response_types_supported']), "\n";
// the advertised authorization endpoint really is the consent page
$r = sbx_http('GET', $a['json']['authorization_endpoint'] . '?client_id=qbosync-sandbox-client&scope=com.intuit.quickbooks.accounting&redirect_uri=http%3A%2F%2F127.0.0.1%2Fcallback&response_type=code&state=z');
echo $r['status'], ' ', str_contains($r['raw'], '<form') ? 'form' : 'no form', "\n";
?>
--EXPECT--
200 200 same
authorization_endpoint BASE/connect/oauth2
token_endpoint BASE/oauth2/v1/tokens/bearer
revocation_endpoint BASE/v2/oauth2/tokens/revoke
userinfo_endpoint BASE/v1/openid_connect/userinfo
client_secret_post,client_secret_basic code
200 form
