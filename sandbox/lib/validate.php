<?php
// Validation helpers that raise QBO's faults: required (2020), unknown property (2010),
// length (2050), invalid reference (2500), not found (610), stale (5010), business (6000).
declare(strict_types=1);

function sbx_err_required(string $field, string $element = null): SbxFault
{
    return new SbxFault(400, '2020', 'Required param missing, need to supply the required value for the API',
        'Required parameter ' . $field . ' is missing in the request', $element ?? $field);
}

function sbx_err_business(string $text, string $element = ''): SbxFault
{
    return new SbxFault(400, '6000', 'A business validation error has occurred while processing your request',
        'Business Validation Error: ' . $text, $element);
}

function sbx_err_invalid_ref(string $path, bool $inactive = false): SbxFault
{
    return new SbxFault(400, '2500', 'Invalid Reference Id', $inactive
        ? 'Invalid Reference Id : Something you\'re trying to use has been made inactive. Check the fields with accounts, customers, items, vendors or employees.'
        : 'Invalid Reference Id : ' . $path, $path);
}

function sbx_err_property(string $entity, string $field): SbxFault
{
    return new SbxFault(400, '2010', 'Request has invalid or unsupported property',
        'Property Name:Unrecognized field "' . $field . '" (class com.intuit.schema.finance.v3.' . $entity
        . '), not marked as ignorable specified is unsupported or invalid');
}

function sbx_err_value(string $field, $value): SbxFault
{
    $v = is_scalar($value) ? (string)$value : json_encode($value);
    return new SbxFault(400, '2010', 'Request has invalid or unsupported property',
        'Property Name:Can not deserialize value of ' . $field . ' from ' . $v . ' specified is unsupported or invalid', $field);
}

function sbx_err_not_found(bool $txn): SbxFault
{
    return new SbxFault(400, '610', 'Object Not Found', $txn
        ? 'Object Not Found : Another user has deleted this transaction.'
        : 'Object Not Found : Something you\'re trying to use has been made inactive. Check the fields with accounts, customers, items, vendors or employees.');
}

function sbx_err_stale(): SbxFault
{
    return new SbxFault(400, '5010', 'Stale Object Error',
        'Stale Object Error : You and Sandbox Developer were working on this at the same time. Sandbox Developer finished before you did, so your work was not saved.');
}

/** Number of characters of a UTF-8 string. */
function sbx_strlen(string $s): int
{
    return preg_match_all('/./us', $s);
}

/** Checks a string value at $path (dot path into $obj) against a maximum length. */
function sbx_check_len(array $obj, string $path, int $max): void
{
    $v = $obj;
    foreach (explode('.', $path) as $k) {
        if (!is_array($v) || !array_key_exists($k, $v)) {
            return;
        }
        $v = $v[$k];
    }
    if ($v === null) {
        return;
    }
    if (!is_string($v)) {
        if (is_int($v) || is_float($v)) {
            $v = (string)$v;
        } else {
            throw sbx_err_value($path, $v);
        }
    }
    $n = sbx_strlen($v);
    if ($n > $max) {
        throw new SbxFault(400, '2050', 'String length is either shorter or longer than supported by specification',
            'String length specified does not match the supported length. Min:0 Max:' . number_format($max)
            . ' supported. Supplied length: ' . number_format($n), $path);
    }
}

/** Rejects keys of $obj that are not in $allowed (2010). */
function sbx_check_props(string $entity, array $obj, array $allowed): void
{
    foreach ($obj as $k => $_) {
        if (!isset($allowed[$k])) {
            throw sbx_err_property($entity, (string)$k);
        }
    }
}

/** A boolean field (true/false or "true"/"false"). */
function sbx_bool($v, string $field): bool
{
    if (is_bool($v)) {
        return $v;
    }
    if ($v === 'true' || $v === 'false') {
        return $v === 'true';
    }
    throw sbx_err_value($field, $v);
}

/** A money field as minor units (JSON number or numeric string); currencies of 0 or 3 decimals refuse finer amounts. */
function sbx_money_in($v, string $field): int
{
    if (is_int($v) || is_float($v) || (is_string($v) && is_numeric($v))) {
        if (sbx_money_decimals() !== 2 && sbx_too_precise($v)) {
            throw sbx_err_business('The amount ' . (is_string($v) ? $v : json_encode($v)) . ' has more decimals than the currency allows ('
                . sbx_money_decimals() . ').', $field);
        }
        return sbx_cents($v);
    }
    throw sbx_err_value($field, $v);
}

/** A decimal field (Qty, UnitPrice, rates) as float, validated. */
function sbx_num_in($v, string $field): int|float
{
    if (is_int($v) || is_float($v)) {
        return $v;
    }
    if (is_string($v) && is_numeric($v)) {
        return $v + 0;
    }
    throw sbx_err_value($field, $v);
}

/** A YYYY-MM-DD date. */
function sbx_date_in($v, string $field): string
{
    if (is_string($v) && preg_match('/^(\d{4})-(\d{2})-(\d{2})/', $v, $m) && checkdate((int)$m[2], (int)$m[3], (int)$m[1])) {
        return $m[0];
    }
    throw sbx_err_value($field, $v);
}

/**
 * Resolves a reference {"value": Id} to a live entity of type $entity; unknown, deleted or
 * inactive -> 2500 with element = $path. Returns the stored row.
 */
function sbx_ref(string $realm, string $entity, $ref, string $path, bool $mustBeActive = true): array
{
    if (!is_array($ref) || !isset($ref['value']) || !is_scalar($ref['value']) || (string)$ref['value'] === '') {
        throw sbx_err_invalid_ref($path);
    }
    $row = sbx_ent_row(sbx_db(), $realm, $entity, (string)$ref['value']);
    if ($row === null || $row['status'] === 'deleted') {
        throw sbx_err_invalid_ref($path);
    }
    if ($mustBeActive && $row['status'] === 'inactive') {
        throw sbx_err_invalid_ref($path, true);
    }
    return $row;
}

/** Output form of a reference: {"value": Id, "name": display name}. */
function sbx_ref_out(array $row, string $nameField = 'Name'): array
{
    $o = $row['obj'];
    return ['value' => (string)$o['Id'], 'name' => (string)($o[$nameField] ?? $o['Name'] ?? $o['DisplayName'] ?? '')];
}

/** An entity Id must be a number (TaxCode also has the pseudo Ids TAX / NON): 2030 otherwise. */
function sbx_check_id(string $entity, string $id): void
{
    if (!ctype_digit($id) && !($entity === 'TaxCode' && ($id === 'TAX' || $id === 'NON'))) {
        throw new SbxFault(400, '2030', 'Invalid ID', 'Id should be a valid number. Supplied value:' . $id, 'Id');
    }
}
