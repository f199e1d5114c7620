<?php
// Company creation and the seeded data of every new sandbox company (chart of accounts,
// payment methods, terms, tax codes/rates, items, customers, CompanyInfo, Preferences).
declare(strict_types=1);

require_once __DIR__ . '/store.php';

const SBX_CURRENCY_NAMES = [
    'USD' => 'United States Dollar', 'CAD' => 'Canadian Dollar', 'GBP' => 'British Pound Sterling',
    'AUD' => 'Australian Dollar', 'EUR' => 'Euro', 'INR' => 'Indian Rupee',
];

/** Stores a seeded object with a fresh Id of its type; returns the Id. */
function sbx_seed_put(PDO $db, string $realm, string $entity, array $obj, float $now, ?string $namekey = null, ?string $id = null): string
{
    $id ??= sbx_new_id($db, $realm, $entity);
    $obj = sbx_stamp_new($obj, $id, $now);
    sbx_ent_write($db, $realm, $entity, $obj, 'active', 'Create', $now,
        $namekey === null ? null : sbx_namekey($namekey));
    return $id;
}

/**
 * Creates a company with its seed data. opts: name, country (US default; CA, GB, AU...),
 * currency (default by country), realm (optional fixed realm id), multicurrency (bool, default false:
 * Preferences.CurrencyPrefs.MultiCurrencyEnabled), currencies (the company currency list when
 * multicurrency is on; default EUR, GBP, CAD, JPY, BHD).
 * @return array{realm:string,name:string,country:string,currency:string}
 */
function sbx_company_create(PDO $db, array $opts): array
{
    $country = strtoupper((string)($opts['country'] ?? 'US'));
    $currency = strtoupper((string)($opts['currency'] ?? (['US' => 'USD', 'CA' => 'CAD', 'GB' => 'GBP', 'AU' => 'AUD', 'IN' => 'INR'][$country] ?? 'USD')));
    $name = (string)($opts['name'] ?? ('Sandbox Company ' . $country));
    $realm = isset($opts['realm']) ? (string)$opts['realm']
        : (string)(9341453100000000 + 100 + sbx_seq_next($db, '', 'realm'));
    $now = sbx_now();
    $db->prepare('INSERT INTO sbx_company(realm, name, country, currency, created) VALUES(?, ?, ?, ?, ?)')
        ->execute([$realm, $name, $country, $currency, $now]);
    $cur = ['value' => $currency, 'name' => SBX_CURRENCY_NAMES[$currency] ?? $currency];

    // Chart of accounts (Ids 1..10)
    $acct = function (string $n, string $type, string $sub, string $class) use ($db, $realm, $now, $cur) {
        return sbx_seed_put($db, $realm, 'Account', [
            'Name' => $n, 'SubAccount' => false, 'FullyQualifiedName' => $n, 'Active' => true,
            'Classification' => $class, 'AccountType' => $type, 'AccountSubType' => $sub,
            'CurrentBalance' => 0.0, 'CurrentBalanceWithSubAccounts' => 0.0, 'CurrencyRef' => $cur,
        ], $now, $n);
    };
    $acct('Services', 'Income', 'ServiceFeeIncome', 'Revenue');                                  // 1
    $acct('Sales of Product Income', 'Income', 'SalesOfProductIncome', 'Revenue');               // 2
    $acct('Checking', 'Bank', 'Checking', 'Asset');                                              // 3
    $acct('Undeposited Funds', 'Other Current Asset', 'UndepositedFunds', 'Asset');              // 4
    $acct('Accounts Receivable (A/R)', 'Accounts Receivable', 'AccountsReceivable', 'Asset');    // 5
    $acct('Savings', 'Bank', 'Savings', 'Asset');                                                // 6
    $acct('Cost of Goods Sold', 'Cost of Goods Sold', 'SuppliesMaterialsCogs', 'Expense');       // 7
    $acct('Inventory Asset', 'Other Current Asset', 'Inventory', 'Asset');                       // 8
    $acct($country === 'US' ? 'Sales Tax Payable' : (['CA' => 'GST/HST Payable', 'GB' => 'VAT Control', 'AU' => 'GST Payable'][$country] ?? 'Tax Payable'),
        'Other Current Liability', $country === 'US' ? 'SalesTaxPayable' : 'GlobalTaxPayable', 'Liability'); // 9
    $acct('Opening Balance Equity', 'Equity', 'OpeningBalanceEquity', 'Equity');                 // 10

    // Payment methods (Ids 1..6)
    foreach ([['Cash', 'NON_CREDIT_CARD'], ['Check', 'NON_CREDIT_CARD'], ['Visa', 'CREDIT_CARD'],
              ['MasterCard', 'CREDIT_CARD'], ['American Express', 'CREDIT_CARD'], ['Discover', 'CREDIT_CARD']] as [$n, $t]) {
        sbx_seed_put($db, $realm, 'PaymentMethod', ['Name' => $n, 'Active' => true, 'Type' => $t], $now, $n);
    }
    // Terms (Ids 1..5)
    foreach ([['Due on receipt', 0], ['Net 10', 10], ['Net 15', 15], ['Net 30', 30], ['Net 60', 60]] as [$n, $d]) {
        sbx_seed_put($db, $realm, 'Term', ['Name' => $n, 'Active' => true, 'Type' => 'STANDARD', 'DueDays' => $d,
            'DiscountDays' => 0], $now, $n);
    }

    // Taxes
    $rate = function (string $n, float $v, string $agency) use ($db, $realm, $now) {
        return sbx_seed_put($db, $realm, 'TaxRate', ['Name' => $n, 'Description' => $n, 'Active' => true,
            'RateValue' => $v, 'AgencyRef' => ['value' => '1', 'name' => $agency], 'SpecialTaxType' => 'NONE',
            'DisplayType' => 'ReadOnly', 'EffectiveTaxRate' => [['RateValue' => $v, 'EffectiveDate' => '2020-01-01T00:00:00-08:00']]],
            $now, $n);
    };
    $code = function (string $n, array $rates, bool $group, ?string $id = null) use ($db, $realm, $now) {
        $list = [];
        foreach ($rates as $i => [$rid, $rname]) {
            $list[] = ['TaxRateRef' => ['value' => $rid, 'name' => $rname], 'TaxTypeApplicable' => 'TaxOnAmount', 'TaxOrder' => 0];
        }
        return sbx_seed_put($db, $realm, 'TaxCode', ['Name' => $n, 'Description' => $n, 'Active' => true,
            'Hidden' => false, 'Taxable' => $rates !== [] || $n === 'TAX', 'TaxGroup' => $group,
            'SalesTaxRateList' => ['TaxRateDetail' => $list], 'PurchaseTaxRateList' => ['TaxRateDetail' => []]],
            $now, $n, $id);
    };
    if ($country === 'US') {
        $r1 = $rate('State Sales Tax', 6.25, 'State Board of Equalization');     // TaxRate 1
        $r2 = $rate('City Sales Tax', 2.0, 'City Tax Agency');                   // TaxRate 2
        $code('TAX', [], false, 'TAX');
        $code('NON', [], false, 'NON');
        $code('Combined Sales Tax', [[$r1, 'State Sales Tax'], [$r2, 'City Sales Tax']], true);   // TaxCode 1 (8.25%)
        $code('State Sales Tax', [[$r1, 'State Sales Tax']], false);                               // TaxCode 2 (6.25%)
    } else {
        // non-US: one TaxRate per TaxCode (Ids 1..4), per country
        $sets = [
            'CA' => ['Canada Revenue Agency', [['GST', 5.0], ['HST ON', 13.0], ['Exempt', 0.0], ['Zero-rated', 0.0]]],
            'GB' => ['HM Revenue & Customs', [['20.0% S', 20.0], ['5.0% R', 5.0], ['Exempt', 0.0], ['0.0% Z', 0.0]]],
            'AU' => ['Australian Taxation Office', [['GST', 10.0], ['GST free', 0.0], ['Exempt', 0.0], ['Input taxed', 0.0]]],
        ];
        [$agency, $list] = $sets[$country] ?? ['Tax Agency', [['Standard', 10.0], ['Reduced', 5.0], ['Exempt', 0.0], ['Zero-rated', 0.0]]];
        foreach ($list as [$n, $v]) {
            $rid = $rate($n, $v, $agency);
            $code($n, [[$rid, $n]], false);
        }
    }

    // Items (Ids 1..4)
    $item = function (string $n, string $type, float $price, string $acct, string $acctName, bool $taxable) use ($db, $realm, $now, $country) {
        $o = ['Name' => $n, 'Description' => $n, 'Active' => true, 'FullyQualifiedName' => $n, 'Taxable' => $taxable,
            'UnitPrice' => $price, 'Type' => $type, 'IncomeAccountRef' => ['value' => $acct, 'name' => $acctName],
            'PurchaseCost' => 0.0, 'TrackQtyOnHand' => false];
        if ($country !== 'US') {
            unset($o['Taxable']);
            $o['SalesTaxCodeRef'] = ['value' => '1'];
        }
        return sbx_seed_put($db, $realm, 'Item', $o, $now, $n);
    };
    $item('Services', 'Service', 0.0, '1', 'Services', false);
    $item('Consulting hour', 'Service', 150.0, '1', 'Services', false);
    $item('Web hosting', 'Service', 25.0, '1', 'Services', true);
    $item('Widget', 'NonInventory', 9.99, '2', 'Sales of Product Income', true);

    // Customers (Ids 1..3)
    foreach ([['Northwind Traders', 'ap@northwind.example'], ['Blue Harbor Cafe', 'owner@blueharbor.example'],
              ['Kestrel Studio', 'hello@kestrel.example']] as [$n, $mail]) {
        sbx_seed_put($db, $realm, 'Customer', [
            'Taxable' => $country === 'US', 'Job' => false, 'BillWithParent' => false,
            'Balance' => 0.0, 'BalanceWithJobs' => 0.0, 'CurrencyRef' => $cur, 'PreferredDeliveryMethod' => 'Print',
            'IsProject' => false, 'FullyQualifiedName' => $n, 'CompanyName' => $n, 'DisplayName' => $n,
            'PrintOnCheckName' => $n, 'Active' => true, 'PrimaryEmailAddr' => ['Address' => $mail],
        ], $now, $n);
    }

    $addr = $country === 'US'
        ? ['Id' => '1', 'Line1' => '123 Sierra Way', 'City' => 'San Pablo', 'CountrySubDivisionCode' => 'CA', 'PostalCode' => '87999']
        : ['Id' => '1', 'Line1' => '100 King St W', 'City' => 'Toronto', 'CountrySubDivisionCode' => 'ON', 'PostalCode' => 'M5X 1A9', 'Country' => 'CA'];
    sbx_seed_put($db, $realm, 'CompanyInfo', [
        'CompanyName' => $name, 'LegalName' => $name, 'CompanyAddr' => $addr, 'CustomerCommunicationAddr' => $addr,
        'LegalAddr' => $addr, 'PrimaryPhone' => ['FreeFormNumber' => '(650) 555-1212'],
        'CompanyStartDate' => sbx_date_pacific($now), 'FiscalYearStartMonth' => 'January', 'Country' => $country,
        'Email' => ['Address' => 'noreply@sandbox.example'], 'WebAddr' => new stdClass(), 'SupportedLanguages' => 'en',
        'NameValue' => [['Name' => 'NeoEnabled', 'Value' => 'true'], ['Name' => 'IndustryType', 'Value' => 'Software'],
            ['Name' => 'CompanyType', 'Value' => 'Other'], ['Name' => 'OfferingSku', 'Value' => 'QuickBooks Online Plus'],
            ['Name' => 'IsQbdtMigrated', 'Value' => 'false']],
    ], $now, null, $realm);
    $mc = !empty($opts['multicurrency']);
    if ($mc) {
        sbx_currency_seed($db, $realm, $currency, is_array($opts['currencies'] ?? null) ? $opts['currencies'] : ['EUR', 'GBP', 'CAD', 'JPY', 'BHD'], $now);
    }
    sbx_seed_put($db, $realm, 'Preferences', [
        'AccountingInfoPrefs' => ['TrackDepartments' => false, 'ClassTrackingPerTxn' => false, 'CustomerTerminology' => 'Customers'],
        'SalesFormsPrefs' => ['CustomTxnNumbers' => false, 'AllowDeposit' => false, 'AllowDiscount' => true,
            'AllowShipping' => false, 'DefaultTerms' => ['value' => '4', 'name' => 'Net 30'], 'ETransactionEnabledStatus' => 'NotApplicable'],
        'CurrencyPrefs' => ['MultiCurrencyEnabled' => $mc, 'HomeCurrency' => ['value' => $currency]],
        'TaxPrefs' => $country === 'US' ? ['UsingSalesTax' => true, 'PartnerTaxEnabled' => false]
            : ['UsingSalesTax' => true, 'TaxGroupCodeRef' => ['value' => '1']],
        'OtherPrefs' => ['NameValue' => [['Name' => 'SalesFormsPrefs.DefaultCustomerMessage', 'Value' => '']]],
    ], $now, null, '1');
    return ['realm' => $realm, 'name' => $name, 'country' => $country, 'currency' => $currency, 'multicurrency' => $mc];
}
