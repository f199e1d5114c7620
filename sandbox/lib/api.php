<?php
// /v3/company/{realm}/... dispatcher (placeholder until the entity layer lands).
declare(strict_types=1);

function sbx_api(array $req): array
{
    if ($req['realm'] === null || !sbx_realm_exists($req['realm'])) {
        return sbx_gateway_fault(403, '3100', 'message=ApplicationAuthorizationFailed; errorCode=003100; statusCode=403', null, 'SERVICE');
    }
    return sbx_unsupported('Could not find resource for relative : ' . $req['path'] . ' of full path: ' . $req['path']);
}
