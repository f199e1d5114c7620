<?php
// Entity operations: create, read, full/sparse update, delete, void dispatch; name-list
// entities (Customer, Item, Account, PaymentMethod, Term), CompanyInfo, Preferences, read-only
// TaxCode/TaxRate. Transactions are built in ledger.php.
declare(strict_types=1);

const SBX_COMMON_FIELDS = ['Id' => 1, 'SyncToken' => 1, 'MetaData' => 1, 'domain' => 1, 'sparse' => 1, 'status' => 1];
const SBX_ADDR_LEN = ['Line1' => 500, 'Line2' => 500, 'Line3' => 500, 'Line4' => 500, 'Line5' => 500, 'City' => 255,
    'CountrySubDivisionCode' => 255, 'PostalCode' => 30, 'Country' => 255];

/** Field specification of every entity: writable (w), read-only accepted and ignored (ro), lengths. */
function sbx_spec(string $e): array
{
    static $s = null;
    if ($s === null) {
        $txn = ['CustomerRef', 'Line', 'TxnDate', 'DocNumber', 'PrivateNote', 'CustomerMemo', 'BillEmail', 'BillEmailCc',
            'BillEmailBcc', 'BillAddr', 'ShipAddr', 'ShipFromAddr', 'TxnTaxDetail', 'GlobalTaxCalculation', 'ApplyTaxAfterDiscount',
            'PrintStatus', 'EmailStatus', 'CustomField', 'DepartmentRef', 'ClassRef', 'CurrencyRef', 'ExchangeRate', 'TxnSource',
            'TransactionLocationType', 'SalesTermRef', 'ShipDate', 'TrackingNum', 'ShipMethodRef', 'ProjectRef', 'RecurDataRef',
            'TaxExemptionRef', 'FreeFormAddress'];
        $txnLen = ['DocNumber' => 21, 'PrivateNote' => 4000, 'CustomerMemo.value' => 1000, 'BillEmail.Address' => 100,
            'TrackingNum' => 31];
        $s = [
            'Customer' => ['kind' => 'name', 'name' => 'DisplayName',
                'w' => ['DisplayName', 'Title', 'GivenName', 'MiddleName', 'FamilyName', 'Suffix', 'CompanyName', 'PrintOnCheckName',
                    'Notes', 'PrimaryEmailAddr', 'PrimaryPhone', 'Mobile', 'Fax', 'AlternatePhone', 'WebAddr', 'BillAddr', 'ShipAddr',
                    'Active', 'Taxable', 'DefaultTaxCodeRef', 'SalesTermRef', 'PaymentMethodRef', 'ParentRef', 'Job', 'BillWithParent',
                    'PreferredDeliveryMethod', 'ResaleNum', 'CurrencyRef', 'PrimaryTaxIdentifier', 'TaxExemptionReasonId',
                    'OpenBalanceDate', 'ARAccountRef', 'GSTIN', 'BusinessNumber', 'GSTRegistrationType'],
                'ro' => ['FullyQualifiedName', 'Level', 'Balance', 'BalanceWithJobs', 'IsProject', 'ClientEntityId', 'V4IDPseudonym'],
                'len' => ['DisplayName' => 500, 'Title' => 16, 'GivenName' => 100, 'MiddleName' => 100, 'FamilyName' => 100,
                    'Suffix' => 16, 'CompanyName' => 100, 'PrintOnCheckName' => 100, 'Notes' => 2000, 'PrimaryEmailAddr.Address' => 100,
                    'PrimaryPhone.FreeFormNumber' => 30, 'Mobile.FreeFormNumber' => 30, 'Fax.FreeFormNumber' => 30,
                    'AlternatePhone.FreeFormNumber' => 30, 'WebAddr.URI' => 1000, 'ResaleNum' => 16]],
            'Item' => ['kind' => 'name', 'name' => 'Name',
                'w' => ['Name', 'Type', 'Description', 'UnitPrice', 'IncomeAccountRef', 'ExpenseAccountRef', 'AssetAccountRef',
                    'TrackQtyOnHand', 'QtyOnHand', 'InvStartDate', 'Taxable', 'SalesTaxCodeRef', 'PurchaseTaxCodeRef', 'Sku', 'Active',
                    'SubItem', 'ParentRef', 'PurchaseDesc', 'PurchaseCost', 'SalesTaxIncluded', 'PurchaseTaxIncluded', 'ReorderPoint',
                    'PrefVendorRef', 'ClassRef'],
                'ro' => ['FullyQualifiedName', 'Level'],
                'len' => ['Name' => 100, 'Description' => 4000, 'PurchaseDesc' => 1000, 'Sku' => 100]],
            'Account' => ['kind' => 'name', 'name' => 'Name',
                'w' => ['Name', 'AccountType', 'AccountSubType', 'AcctNum', 'Description', 'Active', 'SubAccount', 'ParentRef',
                    'CurrencyRef', 'TaxCodeRef'],
                'ro' => ['Classification', 'CurrentBalance', 'CurrentBalanceWithSubAccounts', 'FullyQualifiedName'],
                'len' => ['Name' => 100, 'Description' => 100, 'AcctNum' => 7]],
            'PaymentMethod' => ['kind' => 'name', 'name' => 'Name', 'w' => ['Name', 'Type', 'Active'], 'ro' => [],
                'len' => ['Name' => 31]],
            'Term' => ['kind' => 'name', 'name' => 'Name',
                'w' => ['Name', 'DueDays', 'DiscountPercent', 'DiscountDays', 'DayOfMonthDue', 'DueNextMonthDays',
                    'DiscountDayOfMonth', 'Active'], 'ro' => ['Type'], 'len' => ['Name' => 31]],
            'CompanyCurrency' => ['kind' => 'name', 'name' => 'Code', 'w' => ['Code', 'Active', 'CustomField'], 'ro' => ['Name'],
                'len' => []],
            'TaxCode' => ['kind' => 'readonly', 'name' => 'Name', 'w' => [], 'ro' => [], 'len' => []],
            'TaxRate' => ['kind' => 'readonly', 'name' => 'Name', 'w' => [], 'ro' => [], 'len' => []],
            'CompanyInfo' => ['kind' => 'company', 'name' => 'CompanyName',
                'w' => ['CompanyName', 'LegalName', 'CompanyAddr', 'LegalAddr', 'CustomerCommunicationAddr',
                    'CustomerCommunicationEmailAddr', 'PrimaryPhone', 'Email', 'WebAddr', 'Country', 'CompanyStartDate',
                    'FiscalYearStartMonth', 'SupportedLanguages', 'NameValue', 'OtherContactInfo', 'EmployerId'],
                'ro' => [], 'len' => ['CompanyName' => 1024, 'LegalName' => 1024, 'Email.Address' => 100, 'WebAddr.URI' => 1000]],
            'Preferences' => ['kind' => 'prefs', 'name' => null,
                'w' => ['AccountingInfoPrefs', 'SalesFormsPrefs', 'CurrencyPrefs', 'TaxPrefs', 'OtherPrefs', 'ProductAndServicesPrefs',
                    'VendorAndPurchasesPrefs', 'TimeTrackingPrefs', 'EmailMessagesPrefs', 'ReportPrefs'], 'ro' => [], 'len' => []],
            'Invoice' => ['kind' => 'txn', 'name' => null,
                'w' => array_merge($txn, ['DueDate', 'AllowIPNPayment', 'AllowOnlinePayment', 'AllowOnlineCreditCardPayment',
                    'AllowOnlineACHPayment', 'Deposit', 'DepositToAccountRef']),
                'ro' => ['TotalAmt', 'Balance', 'HomeBalance', 'HomeTotalAmt', 'InvoiceLink', 'LinkedTxn', 'DeliveryInfo'], 'len' => $txnLen],
            'CreditMemo' => ['kind' => 'txn', 'name' => null, 'w' => $txn,
                'ro' => ['TotalAmt', 'Balance', 'RemainingCredit', 'HomeTotalAmt', 'LinkedTxn'], 'len' => $txnLen],
            'RefundReceipt' => ['kind' => 'txn', 'name' => null,
                'w' => array_merge($txn, ['DepositToAccountRef', 'PaymentMethodRef', 'PaymentRefNum', 'PaymentType', 'CheckPayment',
                    'CreditCardPayment']),
                'ro' => ['TotalAmt', 'Balance', 'HomeTotalAmt', 'HomeBalance'], 'len' => $txnLen + ['PaymentRefNum' => 100]],
            'Deposit' => ['kind' => 'txn', 'name' => null,
                'w' => ['DepositToAccountRef', 'Line', 'TxnDate', 'PrivateNote', 'CurrencyRef', 'ExchangeRate', 'CashBack'],
                'ro' => ['TotalAmt', 'HomeTotalAmt'], 'len' => ['PrivateNote' => 4000]],
            'Payment' => ['kind' => 'txn', 'name' => null,
                'w' => ['CustomerRef', 'TotalAmt', 'Line', 'TxnDate', 'PaymentRefNum', 'PaymentMethodRef', 'DepositToAccountRef',
                    'ARAccountRef', 'PrivateNote', 'CurrencyRef', 'ExchangeRate', 'CreditCardPayment', 'TxnSource', 'ProcessPayment',
                    'TransactionLocationType', 'ProjectRef'],
                'ro' => ['UnappliedAmt', 'HomeTotalAmt', 'LinkedTxn'],
                'len' => ['PaymentRefNum' => 21, 'PrivateNote' => 4000]],
        ];
        foreach ($s as $k => $v) {
            $s[$k]['allowed'] = array_fill_keys(array_merge($v['w'], $v['ro']), 1) + SBX_COMMON_FIELDS;
            $s[$k]['wset'] = array_fill_keys($v['w'], 1);
        }
    }
    return $s[$e];
}

function sbx_is_txn(string $e): bool
{
    return isset(SBX_TXN_ENTITIES[$e]);
}

/** Adds live derived values to a stored object for output. */
function sbx_out(string $e, array $obj, int $bal = 0): array
{
    if ($e === 'Customer') {
        $dec = sbx_money_decimals(sbx_currency_decimals((string)($obj['CurrencyRef']['value'] ?? '')));
        $obj['Balance'] = sbx_money($bal);
        $obj['BalanceWithJobs'] = sbx_money($bal);
        sbx_money_decimals($dec);
    }
    return $obj;
}

/** GET /{entity}/{id} */
function sbx_read(string $realm, string $e, string $id): array
{
    sbx_check_id($e, $id);
    $row = sbx_ent_row(sbx_db(), $realm, $e, $id);
    if ($row === null || $row['status'] === 'deleted') {
        throw sbx_err_not_found(sbx_is_txn($e));
    }
    return [200, [$e => sbx_out($e, $row['obj'], (int)$row['bal'])]];
}

/** POST /{entity}[?operation=...]: create, update, delete or void. */
function sbx_entity_post(string $realm, string $e, array $in, array $q): array
{
    $op = is_string($q['operation'] ?? null) ? strtolower($q['operation']) : '';
    $include = is_string($q['include'] ?? null) ? strtolower($q['include']) : '';
    if ($op === 'delete') {
        return sbx_delete($realm, $e, $in);
    }
    if ($op === 'void' || ($op === 'update' && $e === 'Payment' && str_contains($include, 'void'))) {
        return sbx_void($realm, $e, $in);
    }
    if ($op !== '' && $op !== 'update' && $op !== 'create') {
        throw new SbxFault(400, '500', 'Unsupported Operation', 'Operation ' . $q['operation'] . ' is not supported.');
    }
    if ($op === 'update' || array_key_exists('Id', $in)) {
        return sbx_update($realm, $e, $in, $q);
    }
    return sbx_create($realm, $e, $in, $q);
}

/** Keeps only the writable fields of an input object. */
function sbx_writable(string $e, array $in): array
{
    return array_intersect_key($in, sbx_spec($e)['wset']);
}

function sbx_check_input(string $e, array $in): void
{
    $spec = sbx_spec($e);
    sbx_check_props($e, $in, $spec['allowed']);
    foreach ($in as $k => $v) {   // object-typed properties (references, addresses, e-mail/phone, details)
        if ($v !== null && !is_array($v) && preg_match('/(Ref|Addr|Email|EmailBcc|EmailCc|Phone|Mobile|Fax|Memo|Detail|Prefs|MetaData)$/', (string)$k)
            ) {
            throw sbx_err_value((string)$k, $v);
        }
    }
    foreach ($spec['len'] as $path => $max) {
        sbx_check_len($in, $path, $max);
    }
    foreach (['BillAddr', 'ShipAddr', 'CompanyAddr', 'LegalAddr', 'CustomerCommunicationAddr'] as $a) {
        if (isset($in[$a])) {
            if (!is_array($in[$a])) {
                throw sbx_err_value($a, $in[$a]);
            }
            foreach (SBX_ADDR_LEN as $k => $max) {
                sbx_check_len($in, $a . '.' . $k, $max);
            }
        }
    }
}

function sbx_create(string $realm, string $e, array $in, array $q): array
{
    $kind = sbx_spec($e)['kind'];
    if ($kind === 'readonly' || $kind === 'company' || $kind === 'prefs') {
        throw new SbxFault(400, '500', 'Unsupported Operation', 'Operation Create is not supported.');
    }
    sbx_check_input($e, $in);
    $in = sbx_writable($e, $in);
    $now = sbx_now();
    if ($kind === 'txn') {
        return sbx_txn_save($realm, $e, $in, null, $q, $now, 'Create');
    }
    $db = sbx_db();
    [$obj, $status, $namekey] = sbx_build_name($realm, $e, $in, null);
    $obj = sbx_stamp_new($obj, sbx_new_id($db, $realm, $e), $now);
    sbx_ent_write($db, $realm, $e, $obj, $status, 'Create', $now, $namekey);
    return [200, [$e => sbx_out($e, $obj)]];
}

/** Loads the row an update/delete/void addresses, checking Id, SyncToken, existence, staleness. */
function sbx_target(string $realm, string $e, array $in): array
{
    if (!isset($in['Id']) || !is_scalar($in['Id']) || (string)$in['Id'] === '') {
        throw sbx_err_required('Id');
    }
    if (!isset($in['SyncToken']) || !is_scalar($in['SyncToken']) || (string)$in['SyncToken'] === '') {
        throw sbx_err_required('SyncToken');
    }
    sbx_check_id($e, (string)$in['Id']);
    $row = sbx_ent_row(sbx_db(), $realm, $e, (string)$in['Id']);
    if ($row === null || $row['status'] === 'deleted') {
        throw sbx_err_not_found(sbx_is_txn($e));
    }
    if ((string)$in['SyncToken'] !== (string)$row['sync']) {
        throw sbx_err_stale();
    }
    return $row;
}

/** Next version's system fields. */
function sbx_stamp_next(array $obj, array $cur, float $now): array
{
    $c = $cur['obj'];
    return ['Id' => (string)$c['Id'], 'SyncToken' => (string)((int)$cur['sync'] + 1), 'domain' => 'QBO', 'sparse' => false]
        + $obj
        + ['MetaData' => ['CreateTime' => $c['MetaData']['CreateTime'], 'LastUpdatedTime' => sbx_time_pacific($now)]];
}

function sbx_update(string $realm, string $e, array $in, array $q): array
{
    $spec = sbx_spec($e);
    if ($spec['kind'] === 'readonly') {
        throw new SbxFault(400, '500', 'Unsupported Operation', 'Operation Update is not supported.');
    }
    sbx_check_input($e, $in);
    $sparse = isset($in['sparse']) && sbx_bool($in['sparse'], 'sparse');
    if ($e === 'CompanyInfo' && !$sparse && !isset($in['CompanyName'])) {
        throw sbx_err_required('CompanyName');
    }
    if (!$sparse || in_array($e, ['Account', 'Term'], true)) {
        foreach ($e === 'Account' ? ['Name', 'AccountType'] : ($e === 'Term' ? ['Name'] : []) as $f) {
            if (!isset($in[$f])) {
                throw sbx_err_required($f);
            }
        }
    }
    if ($e === 'Preferences' && !isset($in['Id'])) {
        $in['Id'] = '1';
    }
    $cur = sbx_target($realm, $e, $in);
    $w = sbx_writable($e, $in);
    if ($spec['kind'] === 'prefs') {
        unset($w['CurrencyPrefs']);   // read-only (multicurrency is switched on in QBO's UI only)
        $w = array_replace_recursive(sbx_writable($e, $cur['obj']), $w);   // preferences merge section by section
    } elseif ($sparse) {
        $w = array_replace(sbx_writable($e, $cur['obj']), $w);
    }
    $now = sbx_now();
    if ($spec['kind'] === 'txn') {
        if ($cur['status'] === 'voided') {
            throw sbx_err_business('You can\'t edit a voided transaction.');
        }
        return sbx_txn_save($realm, $e, $w, $cur, $q, $now, 'Update');
    }
    $db = sbx_db();
    if ($spec['kind'] === 'company') {
        $obj = $w + ['Country' => $cur['obj']['Country'] ?? 'US'];
        $obj = sbx_stamp_next($obj, $cur, $now);
        sbx_ent_write($db, $realm, $e, $obj, 'active', 'Update', $now);
        $db->prepare('UPDATE sbx_company SET name = ? WHERE realm = ?')->execute([(string)($obj['CompanyName'] ?? ''), $realm]);
        return [200, [$e => $obj]];
    }
    if ($spec['kind'] === 'prefs') {
        $obj = sbx_stamp_next($w, $cur, $now);
        sbx_ent_write($db, $realm, $e, $obj, 'active', 'Update', $now);
        return [200, [$e => $obj]];
    }
    [$obj, $status, $namekey] = sbx_build_name($realm, $e, $w, $cur);
    $obj = sbx_stamp_next($obj, $cur, $now);
    sbx_ent_write($db, $realm, $e, $obj, $status, 'Update', $now, $namekey);
    return [200, [$e => sbx_out($e, $obj, (int)$cur['bal'])]];
}

/** Another live entity of the type already uses this name key? */
function sbx_dup_name(string $realm, string $e, string $key, ?string $exceptId): ?string
{
    $st = sbx_stmt(sbx_db(), "SELECT id FROM sbx_entity WHERE realm = ? AND entity = ? AND namekey = ? AND status != 'deleted' AND id != ? LIMIT 1");
    $st->execute([$realm, $e, $key, $exceptId ?? '']);
    $id = $st->fetchColumn();
    $st->closeCursor();
    return $id === false ? null : (string)$id;
}

function sbx_name_rules(string $e, string $field, string $name): void
{
    if (str_contains($name, ':') || ($e === 'Account' && str_contains($name, '"'))
        || preg_match('/[\t\r\n]/', $name)) {
        throw sbx_err_business('The ' . $field . ' field cannot contain ' . ($e === 'Account' ? 'a colon (:) or a double quote (").' : 'a colon (:), a tab or a new line.'), $field);
    }
}

/**
 * Builds a name-list object from its writable input (defaults, derived fields, checks).
 * @return array{0:array,1:string,2:string} object, status, name key
 */
function sbx_build_name(string $realm, string $e, array $in, ?array $cur): array
{
    $country = sbx_company_country($realm);
    $active = !isset($in['Active']) || sbx_bool($in['Active'], 'Active');
    $in['Active'] = $active;
    $curId = $cur === null ? null : (string)$cur['obj']['Id'];
    switch ($e) {
        case 'Customer':
            foreach (['DisplayName', 'Title', 'GivenName', 'MiddleName', 'FamilyName', 'Suffix', 'CompanyName'] as $f) {
                if (isset($in[$f]) && !is_string($in[$f])) {
                    throw sbx_err_value($f, $in[$f]);
                }
            }
            $dn = trim((string)($in['DisplayName'] ?? ''));
            if ($dn === '') {
                $parts = array_filter(array_map(fn($f) => trim((string)($in[$f] ?? '')),
                    ['Title', 'GivenName', 'MiddleName', 'FamilyName', 'Suffix']), fn($s) => $s !== '');
                $dn = implode(' ', $parts);
            }
            if ($dn === '') {
                throw sbx_err_required('DisplayName');
            }
            sbx_check_len(['DisplayName' => $dn], 'DisplayName', 500);
            sbx_name_rules($e, 'DisplayName', $dn);
            $in['DisplayName'] = $dn;
            $key = sbx_namekey($dn);
            if (sbx_dup_name($realm, 'Customer', $key, $curId) !== null) {
                throw new SbxFault(400, '6240', 'Duplicate Name Exists Error',
                    'The name supplied already exists. : Another customer, vendor or employee is already using this name. Please use a different name.');
            }
            foreach (['SalesTermRef' => 'Term', 'PaymentMethodRef' => 'PaymentMethod', 'DefaultTaxCodeRef' => 'TaxCode', 'ParentRef' => 'Customer'] as $f => $t) {
                if (isset($in[$f])) {
                    $in[$f] = sbx_ref_out(sbx_ref($realm, $t, $in[$f], $f), $t === 'Customer' ? 'DisplayName' : 'Name');
                }
            }
            $fqn = $dn;
            if (isset($in['ParentRef'])) {
                $fqn = $in['ParentRef']['name'] . ':' . $dn;
                $in['Job'] = true;
            }
            if (!$active && $cur !== null && (int)$cur['bal'] !== 0) {
                throw sbx_err_business('The entity you are trying to delete has an open balance. : This customer cannot be deleted because it has a non-zero balance', 'Active');
            }
            if (isset($in['PrintOnCheckName'])) {
                $poc = (string)$in['PrintOnCheckName'];
            } else {
                $poc = $dn;
                if (sbx_strlen($poc) > 100) {
                    $poc = preg_replace('/^(.{100}).*$/us', '$1', $poc);
                }
            }
            $cur_ = sbx_customer_currency($realm, $in['CurrencyRef'] ?? null, $cur);
            $obj = ['Taxable' => isset($in['Taxable']) ? sbx_bool($in['Taxable'], 'Taxable') : ($country === 'US'),
                    'Job' => (bool)($in['Job'] ?? false), 'BillWithParent' => (bool)($in['BillWithParent'] ?? false),
                    'CurrencyRef' => $cur_, 'PreferredDeliveryMethod' => $in['PreferredDeliveryMethod'] ?? 'Print',
                    'IsProject' => false, 'ClientEntityId' => '0', 'FullyQualifiedName' => $fqn, 'PrintOnCheckName' => $poc]
                + $in;
            $obj['Level'] = isset($in['ParentRef']) ? 1 : 0;
            unset($obj['Active']);
            $obj['Active'] = $active;
            return [$obj, $active ? 'active' : 'inactive', $key];

        case 'Item':
            if (!isset($in['Name']) || !is_string($in['Name']) || trim($in['Name']) === '') {
                throw sbx_err_required('Name');
            }
            $name = trim($in['Name']);
            sbx_name_rules($e, 'Name', $name);
            if (!isset($in['Type'])) {
                throw sbx_err_required('Type');
            }
            if (!in_array($in['Type'], ['Service', 'NonInventory', 'Inventory'], true)) {
                throw sbx_err_business('Invalid item type: ' . json_encode($in['Type']) . '. Use Service, NonInventory or Inventory.', 'Type');
            }
            if ($cur !== null && ($cur['obj']['Type'] ?? '') === 'Inventory' && $in['Type'] !== 'Inventory') {
                throw sbx_err_business('You can\'t change the type of an inventory item.', 'Type');
            }
            $key = sbx_namekey($name);
            if (sbx_dup_name($realm, 'Item', $key, $curId) !== null) {
                throw new SbxFault(400, '6240', 'Duplicate Name Exists Error',
                    'The name supplied already exists. : Another product or service is already using this name. Please use a different name.');
            }
            if (!isset($in['IncomeAccountRef'])) {
                throw sbx_err_required('IncomeAccountRef');
            }
            $acct = sbx_ref($realm, 'Account', $in['IncomeAccountRef'], 'IncomeAccountRef');
            if (!in_array($acct['obj']['AccountType'], ['Income', 'Other Income'], true)) {
                throw sbx_err_business('Invalid account type: the income account of an item must be of type Income.', 'IncomeAccountRef');
            }
            $in['IncomeAccountRef'] = sbx_ref_out($acct);
            if ($country !== 'US' && !isset($in['ExpenseAccountRef'])) {
                throw sbx_err_required('ExpenseAccountRef');
            }
            if (isset($in['ExpenseAccountRef'])) {
                $in['ExpenseAccountRef'] = sbx_ref_out(sbx_ref($realm, 'Account', $in['ExpenseAccountRef'], 'ExpenseAccountRef'));
            }
            if ($in['Type'] === 'Inventory') {
                foreach (['AssetAccountRef', 'QtyOnHand', 'InvStartDate'] as $f) {
                    if (!isset($in[$f])) {
                        throw sbx_err_required($f);
                    }
                }
                $in['AssetAccountRef'] = sbx_ref_out(sbx_ref($realm, 'Account', $in['AssetAccountRef'], 'AssetAccountRef'));
                $in['TrackQtyOnHand'] = true;
            }
            foreach (['SalesTaxCodeRef', 'PurchaseTaxCodeRef'] as $f) {
                if (isset($in[$f])) {
                    $in[$f] = sbx_ref_out(sbx_ref($realm, 'TaxCode', $in[$f], $f));
                }
            }
            foreach (['UnitPrice', 'PurchaseCost'] as $f) {
                if (isset($in[$f])) {
                    $v = sbx_num_in($in[$f], $f);
                    if ($v > 99999999999 || $v < -99999999999) {
                        throw sbx_err_business($f . ' is out of range. Max: 99999999999', $f);
                    }
                    $in[$f] = $v;
                }
            }
            $in['Name'] = $name;
            $obj = $in + ['Description' => null, 'FullyQualifiedName' => $name, 'UnitPrice' => 0.0, 'PurchaseCost' => 0.0,
                    'TrackQtyOnHand' => false];
            if ($obj['Description'] === null) {
                unset($obj['Description']);
            }
            if ($country === 'US') {
                $obj['Taxable'] = isset($in['Taxable']) && sbx_bool($in['Taxable'], 'Taxable');
            }
            $obj['FullyQualifiedName'] = $name;
            return [$obj, $active ? 'active' : 'inactive', $key];

        case 'Account':
            if (!isset($in['Name']) || !is_string($in['Name']) || trim($in['Name']) === '') {
                throw sbx_err_required('Name');
            }
            $name = trim($in['Name']);
            sbx_name_rules($e, 'Name', $name);
            $types = ['Bank' => ['Asset', 'Checking'], 'Other Current Asset' => ['Asset', 'OtherCurrentAssets'],
                'Fixed Asset' => ['Asset', 'OtherFixedAssets'], 'Other Asset' => ['Asset', 'OtherLongTermAssets'],
                'Accounts Receivable' => ['Asset', 'AccountsReceivable'], 'Equity' => ['Equity', 'OpeningBalanceEquity'],
                'Expense' => ['Expense', 'OtherMiscellaneousServiceCost'], 'Other Expense' => ['Expense', 'OtherMiscellaneousExpense'],
                'Cost of Goods Sold' => ['Expense', 'SuppliesMaterialsCogs'], 'Accounts Payable' => ['Liability', 'AccountsPayable'],
                'Credit Card' => ['Liability', 'CreditCard'], 'Long Term Liability' => ['Liability', 'OtherLongTermLiabilities'],
                'Other Current Liability' => ['Liability', 'OtherCurrentLiabilities'], 'Income' => ['Revenue', 'ServiceFeeIncome'],
                'Other Income' => ['Revenue', 'OtherMiscellaneousIncome']];
            if (!isset($in['AccountType'])) {
                throw sbx_err_required('AccountType');
            }
            if (!is_string($in['AccountType']) || !isset($types[$in['AccountType']])) {
                throw sbx_err_value('AccountType', $in['AccountType']);
            }
            $key = sbx_namekey($name);
            if (sbx_dup_name($realm, 'Account', $key, $curId) !== null) {
                throw new SbxFault(400, '6240', 'Duplicate Name Exists Error',
                    'The name supplied already exists. : Another account is already using this name. Please use a different name.');
            }
            if (isset($in['AcctNum']) && $in['AcctNum'] !== '') {
                $st = sbx_db()->prepare("SELECT id FROM sbx_entity WHERE realm = ? AND entity = 'Account' AND id != ? AND json_extract(data, '$.AcctNum') = ?");
                $st->execute([$realm, $curId ?? '', (string)$in['AcctNum']]);
                if ($st->fetchColumn() !== false) {
                    throw new SbxFault(400, '6240', 'Duplicate Name Exists Error',
                        'The name supplied already exists. : Another account is already using this number. Please use a different number.');
                }
            }
            if (isset($in['ParentRef'])) {
                $in['ParentRef'] = sbx_ref_out(sbx_ref($realm, 'Account', $in['ParentRef'], 'ParentRef'));
                $in['SubAccount'] = true;
            }
            [$class, $sub] = $types[$in['AccountType']];
            $in['Name'] = $name;
            $obj = $in + ['SubAccount' => false, 'AccountSubType' => $sub, 'CurrencyRef' => sbx_currency_ref($realm, null)];
            $obj['FullyQualifiedName'] = isset($in['ParentRef']) ? $in['ParentRef']['name'] . ':' . $name : $name;
            $obj['Classification'] = $class;
            $obj['CurrentBalance'] = $cur['obj']['CurrentBalance'] ?? 0.0;
            $obj['CurrentBalanceWithSubAccounts'] = $cur['obj']['CurrentBalanceWithSubAccounts'] ?? 0.0;
            return [$obj, $active ? 'active' : 'inactive', $key];

        case 'CompanyCurrency':
            return sbx_build_company_currency($realm, $in, $cur);

        case 'PaymentMethod':
        case 'Term':
            if (!isset($in['Name']) || !is_string($in['Name']) || trim($in['Name']) === '') {
                throw sbx_err_required('Name');
            }
            $name = trim($in['Name']);
            sbx_name_rules($e, 'Name', $name);
            $key = sbx_namekey($name);
            if (sbx_dup_name($realm, $e, $key, $curId) !== null) {
                throw new SbxFault(400, '6240', 'Duplicate Name Exists Error', 'The name supplied already exists. : Another '
                    . ($e === 'Term' ? 'term' : 'payment method') . ' is already using this name. Please use a different name.');
            }
            $in['Name'] = $name;
            if ($e === 'PaymentMethod') {
                $t = $in['Type'] ?? 'NON_CREDIT_CARD';
                if (!in_array($t, ['CREDIT_CARD', 'NON_CREDIT_CARD'], true)) {
                    throw sbx_err_value('Type', $t);
                }
                return [['Name' => $name, 'Active' => $active, 'Type' => $t], $active ? 'active' : 'inactive', $key];
            }
            foreach (['DueDays', 'DiscountDays', 'DayOfMonthDue', 'DueNextMonthDays', 'DiscountDayOfMonth'] as $f) {
                if (isset($in[$f]) && (!is_int($in[$f]) || $in[$f] < 0)) {
                    throw sbx_err_value($f, $in[$f]);
                }
            }
            $in['Type'] = isset($in['DayOfMonthDue']) ? 'DATE_DRIVEN' : 'STANDARD';
            if ($in['Type'] === 'STANDARD') {
                $in += ['DueDays' => 0];
            }
            return [$in, $active ? 'active' : 'inactive', $key];
    }
    throw new SbxFault(400, '500', 'Unsupported Operation', 'Operation Update is not supported.');
}

/** Country and home currency of a realm (cached per request). */
function sbx_company_row(string $realm): array
{
    static $c = [];
    if (!isset($c[$realm])) {
        $st = sbx_db()->prepare('SELECT country, currency FROM sbx_company WHERE realm = ?');
        $st->execute([$realm]);
        $c[$realm] = $st->fetch() ?: ['country' => 'US', 'currency' => 'USD'];
        $st->closeCursor();
    }
    return $c[$realm];
}

function sbx_company_country(string $realm): string
{
    return sbx_company_row($realm)['country'];
}

