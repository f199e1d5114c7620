<?php
// POST /batch: up to 30 independent items (create / update / delete / query), each with its own
// result or Fault inside an HTTP 200. The caller (sbx_api_write) holds one write transaction for
// the whole request; each item is a savepoint of it, so a faulted item leaves no trace.
declare(strict_types=1);

function sbx_batch(string $realm, array $req, ?string $rid = null): array
{
    $in = sbx_decode_body($req['body']);
    $items = $in['BatchItemRequest'] ?? null;
    if ($items === null || $items === [] || !is_array($items)) {
        throw new SbxFault(400, '400', 'MalformedRequest', 'Batch Request is Empty');
    }
    if (count($items) > 30) {
        throw new SbxFault(400, '400', 'MalformedRequest', 'Batch Request contains ' . count($items)
            . ' BatchItemRequest elements; the maximum is 30');
    }
    $db = sbx_db();
    $out = [];
    foreach (array_values($items) as $item) {
        $bId = is_array($item) && is_scalar($item['bId'] ?? null) ? (string)$item['bId'] : '';
        $res = ['bId' => $bId];
        try {
            if (!is_array($item)) {
                throw sbx_err_value('BatchItemRequest', $item);
            }
            if ($bId === '') {
                throw sbx_err_required('bId');
            }
            if ($rid !== null && strlen($rid . $bId) > 50) {
                throw sbx_err_business('You cannot enter more than 50 characters in the request_id field. You tried entering '
                    . $rid . $bId . ', which is ' . strlen($rid . $bId) . ' characters.');
            }
            if (isset($item['Query'])) {
                $res['QueryResponse'] = sbx_query_run($realm, (string)$item['Query']);
            } else {
                $entity = null;
                foreach ($item as $k => $v) {
                    if (!in_array($k, ['bId', 'operation', 'optionsData'], true)) {
                        if ($entity !== null || !in_array($k, SBX_ENTITY_PATHS, true) || !is_array($v)) {
                            throw sbx_err_property('BatchItemRequest', (string)$k);
                        }
                        $entity = $k;
                    }
                }
                if ($entity === null) {
                    throw sbx_err_required('Entity', 'BatchItemRequest');
                }
                $op = strtolower((string)($item['operation'] ?? ''));
                $body = $item[$entity];
                $r = sbx_savepoint($db, function () use ($realm, $entity, $body, $op) {
                    return match ($op) {
                        'create' => isset($body['Id']) ? throw sbx_err_business('Id must not be given on create.', 'Id')
                            : sbx_create($realm, $entity, $body, []),
                        'update' => sbx_update($realm, $entity, $body, []),
                        'delete' => sbx_delete($realm, $entity, $body),
                        default => throw new SbxFault(400, '500', 'Unsupported Operation', 'Operation ' . $op . ' is not supported.'),
                    };
                });
                $res += $r[1];
            }
        } catch (SbxFault $f) {
            $res['Fault'] = ['type' => $f->type, 'Error' => $f->body()['Fault']['Error']];
        }
        $out[] = $res;
    }
    return [200, ['BatchItemResponse' => $out]];
}
