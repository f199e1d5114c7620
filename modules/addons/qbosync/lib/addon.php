<?php
/*
 * The addon's runtime: its settings (WHMCS's addon fields plus the mod_qbosync_settings
 * table), the qbosync connection built from them, WHMCS's database through Capsule's PDO,
 * CSRF tokens, escaping, links between pages and the page frame. Pages live in ../pages/.
 */
if (!defined('WHMCS')) {
    die('This file cannot be accessed directly');
}

final class QbosyncAddon
{
    /** The WHMCS hooks hooks.php hands to qbo_hook (the README's WHMCS table). */
    public const EVENTS = ['ClientAdd', 'ClientEdit', 'ClientClose', 'ClientDelete', 'InvoiceCreation', 'InvoiceCreated',
        'UpdateInvoiceTotal', 'InvoiceChangeGateway', 'AddInvoicePayment', 'AddTransaction', 'InvoicePaid',
        'InvoiceUnpaid', 'InvoiceCancelled', 'InvoiceRefunded', 'ManualRefund', 'LogTransaction',
        'AddInvoiceLateFee', 'InvoiceSplit', 'AfterCronJob', 'DailyCronJob'];

    /** Pages: key => [file, language key]. */
    public const PAGES = [
        'overview' => 'nav_overview', 'entities' => 'nav_entities', 'mappings' => 'nav_mappings',
        'accounts' => 'nav_accounts', 'push' => 'nav_push', 'pull' => 'nav_pull',
        'reconcile' => 'nav_reconcile', 'settings' => 'nav_settings',
    ];

    /** Record kinds in dependency order (what QuickBooks needs first). */
    public const KINDS = ['customer', 'item', 'invoice', 'payment', 'refund', 'credit', 'writeoff'];
    public const STATES = ['Not Tried', 'Waiting', 'Synced', 'Mismatch', 'Error', 'Skipped', 'Dismissed'];

    public array $vars;
    public array $lang;
    private ?\QboSync\Connection $conn = null;
    private ?string $connError = null;
    private static ?\PDO $pdo = null;

    public function __construct(array $vars)
    {
        $this->vars = $vars;
        $this->lang = ($vars['_lang'] ?? null) ?: self::language();
    }

    /* ------------------------------------------------------------ WHMCS's database */

    /** WHMCS's database connection (Capsule is WHMCS's Laravel query builder). */
    public static function db(): \PDO
    {
        if (self::$pdo === null) {
            self::$pdo = \WHMCS\Database\Capsule::connection()->getPdo();
            self::$pdo->setAttribute(\PDO::ATTR_ERRMODE, \PDO::ERRMODE_EXCEPTION);
        }
        return self::$pdo;
    }

    public static function rows(string $sql, array $args = []): array
    {
        $st = self::db()->prepare($sql);
        $st->execute($args);
        return $st->fetchAll(\PDO::FETCH_ASSOC);
    }

    public static function value(string $sql, array $args = [])
    {
        $st = self::db()->prepare($sql);
        $st->execute($args);
        $v = $st->fetchColumn();
        return $v === false ? null : $v;
    }

    public static function createTables(): void
    {
        self::db()->exec('CREATE TABLE IF NOT EXISTS mod_qbosync_settings (setting VARCHAR(64) NOT NULL PRIMARY KEY, value TEXT NOT NULL)');
    }

    public static function dropTables(): void
    {
        self::db()->exec('DROP TABLE IF EXISTS mod_qbosync_settings');
    }

    /** The addon's own settings (sync start, payment-method filter, store choice). */
    public static function setting(string $name, string $default = ''): string
    {
        try {
            $v = self::value('SELECT value FROM mod_qbosync_settings WHERE setting = ?', [$name]);
        } catch (\PDOException $e) {
            return $default;
        }
        return $v === null ? $default : (string)$v;
    }

    public static function saveSetting(string $name, string $value): void
    {
        $db = self::db();
        $db->beginTransaction();
        $db->prepare('DELETE FROM mod_qbosync_settings WHERE setting = ?')->execute([$name]);
        $db->prepare('INSERT INTO mod_qbosync_settings (setting, value) VALUES (?, ?)')->execute([$name, $value]);
        $db->commit();
    }

    /** The fields of qbosync_config as WHMCS stored them (tbladdonmodules). */
    public static function moduleFields(): array
    {
        $out = [];
        foreach (self::rows("SELECT setting, value FROM tbladdonmodules WHERE module = 'qbosync'") as $r) {
            $out[$r['setting']] = (string)$r['value'];
        }
        return $out;
    }

    public static function language(): array
    {
        $_ADDONLANG = [];
        include dirname(__DIR__) . '/lang/english.php';
        return $_ADDONLANG;
    }

    /* ------------------------------------------------------------ the connection */

    /** The admin area's URL of the OAuth callback (register it with the Intuit app). */
    public static function redirectUri(array $fields): string
    {
        if (!empty($fields['redirect_uri'])) {
            return $fields['redirect_uri'];
        }
        $base = rtrim((string)self::value("SELECT value FROM tblconfiguration WHERE setting = 'SystemURL'"), '/');
        return $base . '/' . self::adminDir() . '/addonmodules.php?module=qbosync&page=callback';
    }

    /** WHMCS's admin folder ($customadminpath in configuration.php, "admin" by default). */
    public static function adminDir(): string
    {
        $c = self::whmcsConfiguration();
        return trim((string)($c['customadminpath'] ?? 'admin'), '/') ?: 'admin';
    }

    /** The variables of WHMCS's configuration.php ($db_host, $db_name, ...). */
    public static function whmcsConfiguration(): array
    {
        $root = defined('ROOTDIR') ? ROOTDIR : dirname(__DIR__, 4);
        $file = $root . '/configuration.php';
        if (!is_file($file)) {
            return [];
        }
        return (static function (string $file): array {
            include $file;
            return get_defined_vars();
        })($file);
    }

    /**
     * The store the connection uses: WHMCS's own database (a mysql:// URL built from
     * configuration.php, tables prefixed qbosync_, the password as store_password) or
     * the SQLite file of the Store field.
     * @return array{0: string, 1: ?string} [store, store_password]
     */
    public static function storeOption(array $fields): array
    {
        if (self::setting('store_choice', 'file') === 'whmcs') {
            $c = self::whmcsConfiguration();
            $host = (string)($c['db_host'] ?? 'localhost');
            $port = (string)($c['db_port'] ?? '') ?: '3306';
            $url = 'mysql://' . rawurlencode((string)($c['db_username'] ?? '')) . '@' . $host . ':' . $port . '/'
                . rawurlencode((string)($c['db_name'] ?? '')) . '?prefix=qbosync_';
            return [$url, (string)($c['db_password'] ?? '')];
        }
        return [(string)($fields['store'] ?? ''), null];
    }

    /** qbo_connect()'s options from the addon's settings. */
    public static function connectOptions(array $fields): array
    {
        [$store, $password] = self::storeOption($fields);
        $o = [
            'environment' => ($fields['environment'] ?? '') ?: 'production',
            'client_id' => $fields['client_id'] ?? '',
            'client_secret' => $fields['client_secret'] ?? '',
            'redirect_uri' => self::redirectUri($fields),
            'store' => $store,
            'delivery' => ($fields['delivery'] ?? '') ?: 'deferred',
        ];
        if (($fields['encryption_key'] ?? '') !== '') {
            $o['encryption_key'] = $fields['encryption_key'];
        }
        if ($password !== null) {
            $o['store_password'] = $password;
        }
        if (($fields['webhook_verifier'] ?? '') !== '') {
            $o['webhook_verifier'] = $fields['webhook_verifier'];
        }
        $start = self::setting('sync_start');
        if ($start !== '') {
            $o['sync_start'] = $start;
        }
        $exclude = self::setting('exclude_methods');
        if ($exclude !== '') {
            $o['exclude_methods'] = $exclude;
        }
        if (function_exists('logModuleCall')) {
            // WHMCS's replace list: every secret of the settings, whatever the extension already removed
            $secrets = array_values(array_filter([$fields['client_secret'] ?? '', $fields['encryption_key'] ?? '',
                (string)($password ?? ''), $fields['webhook_verifier'] ?? ''], fn($v) => is_string($v) && $v !== ''));
            $o['log'] = static function (array $entry) use ($secrets): void {
                logModuleCall('qbosync', trim(($entry['method'] ?? '') . ' ' . ($entry['path'] ?? '')), $entry['request'] ?? '',
                    $entry['response'] ?? '', ['status' => $entry['status'] ?? null, 'intuit_tid' => $entry['intuit_tid'] ?? null], $secrets);
            };
        }
        return $o;
    }

    /** qbo_connect() with the settings; a build without the option "log" connects without it. */
    public static function connect(array $fields): \QboSync\Connection
    {
        $o = self::connectOptions($fields);
        try {
            return qbo_connect($o);
        } catch (\ValueError $e) {
            if (!isset($o['log']) || !str_contains($e->getMessage(), '"log"')) {
                throw $e;
            }
            unset($o['log']);
            return qbo_connect($o);
        }
    }

    /**
     * Takes one webhook POST: [HTTP status, answer]. 200 with the counts; 401 when the
     * signature does not match the verifier token; 400 for a body that is no webhook.
     */
    public static function webhook(string $body, string $signature): array
    {
        if (!function_exists('qbo_webhook')) {
            return [501, ['error' => 'qbo_webhook is not available in this build of the qbosync extension']];
        }
        try {
            $r = qbo_webhook(self::connect(self::moduleFields()), $body, $signature);
            return [200, ['accepted' => $r['accepted'], 'duplicates' => $r['duplicates']]];
        } catch (\QboSync\AuthException $e) {
            return [401, ['error' => $e->getMessage()]];
        } catch (\QboSync\ValidationException $e) {
            return [400, ['error' => $e->getMessage()]];
        } catch (\Throwable $e) {
            return [500, ['error' => 'the webhook could not be stored; QuickBooks sends it again']];
        }
    }

    /** The connection, or null with connectionError() saying why (settings incomplete, store refused). */
    public function conn(): ?\QboSync\Connection
    {
        if ($this->conn === null && $this->connError === null) {
            if (!extension_loaded('qbosync')) {
                $this->connError = $this->t('no_extension');
                return null;
            }
            try {
                $this->conn = self::connect(self::moduleFields());
            } catch (\ValueError $e) {
                $this->connError = str_contains($e->getMessage(), '"store_password"')
                    ? $this->t('no_mysql_store') : $e->getMessage();
            } catch (\Throwable $e) {
                $this->connError = $e->getMessage();
            }
        }
        return $this->conn;
    }

    public function connectionError(): ?string
    {
        return $this->connError;
    }

    /** The connection hooks.php uses (null when the settings cannot make one: logged once). */
    public static function hookConnection(): ?\QboSync\Connection
    {
        static $conn = false;
        if ($conn === false) {
            $conn = null;
            try {
                $conn = self::connect(self::moduleFields());
            } catch (\Throwable $e) {
                if (function_exists('logActivity')) {
                    logActivity('qbosync: cannot connect: ' . $e->getMessage());
                }
            }
        }
        return $conn;
    }

    /* ------------------------------------------------------------ requests */

    public function t(string $key, ...$args): string
    {
        $s = $this->lang[$key] ?? $key;
        return $args ? vsprintf($s, $args) : $s;
    }

    public static function h($v): string
    {
        return htmlspecialchars((string)$v, ENT_QUOTES | ENT_SUBSTITUTE, 'UTF-8');
    }

    /** At most $n characters of $s (UTF-8; mbstring is not required), "…" when cut. */
    public static function shorten(string $s, int $n): string
    {
        if (!preg_match_all('/./us', $s, $m) || count($m[0]) <= $n) {
            return $s;
        }
        return implode('', array_slice($m[0], 0, $n - 1)) . '…';
    }

    public function link(string $page, array $q = []): string
    {
        $base = $this->vars['modulelink'] ?? 'addonmodules.php?module=qbosync';
        return $base . '&' . http_build_query(['page' => $page] + $q);
    }

    /** The session's CSRF token (one per admin session). */
    public static function token(): string
    {
        if (empty($_SESSION['qbosync_csrf']) || !is_string($_SESSION['qbosync_csrf'])) {
            $_SESSION['qbosync_csrf'] = bin2hex(random_bytes(32));
        }
        return $_SESSION['qbosync_csrf'];
    }

    public static function tokenField(): string
    {
        return '<input type="hidden" name="qbosync_token" value="' . self::h(self::token()) . '">';
    }

    /** A POST is accepted only with the session's token. */
    public static function tokenOk(): bool
    {
        $sent = $_POST['qbosync_token'] ?? '';
        return is_string($sent) && !empty($_SESSION['qbosync_csrf']) && hash_equals((string)$_SESSION['qbosync_csrf'], $sent);
    }

    public static function post(string $k, string $default = ''): string
    {
        $v = $_POST[$k] ?? $default;
        return is_string($v) ? trim($v) : $default;
    }

    public static function get(string $k, string $default = ''): string
    {
        $v = $_GET[$k] ?? $default;
        return is_string($v) ? trim($v) : $default;
    }

    /** A message for the next page view (after a POST's redirect). */
    public static function flash(string $level, string $text): void
    {
        $_SESSION['qbosync_flash'][] = [$level, $text];
    }

    /** Redirects after a POST (Post/Redirect/Get); a page whose headers went out gets a link. */
    public function redirect(string $url): void
    {
        while (ob_get_level() > 0) {
            ob_end_clean();
        }
        if (!headers_sent()) {
            header('Location: ' . $url, true, 303);
            exit;
        }
        echo '<p><a href="' . self::h($url) . '">' . self::h($this->t('continue')) . '</a></p>';
        exit;
    }

    /** Answers a JSON request of the page's script and ends the request. */
    public static function json(array $data, int $status = 200): void
    {
        while (ob_get_level() > 0) {
            ob_end_clean();
        }
        if (!headers_sent()) {
            http_response_code($status);
            header('Content-Type: application/json; charset=utf-8');
            header('Cache-Control: no-store');
        }
        echo json_encode($data, JSON_UNESCAPED_SLASHES | JSON_PARTIAL_OUTPUT_ON_ERROR);
        exit;
    }

    /* ------------------------------------------------------------ the page frame */

    public static function stateBadge(string $state): string
    {
        $cls = ['Synced' => 'ok', 'Error' => 'err', 'Mismatch' => 'err', 'Waiting' => 'warn', 'Not Tried' => 'info',
            'Skipped' => 'muted', 'Dismissed' => 'muted', 'Active' => 'ok', 'Not Connected' => 'muted',
            'Disconnected' => 'err'][$state] ?? 'info';
        return '<span class="qs-badge qs-' . $cls . '">' . self::h($state) . '</span>';
    }

    public function nav(string $current): string
    {
        $out = '<nav class="qs-nav">';
        foreach (self::PAGES as $p => $key) {
            $out .= '<a href="' . self::h($this->link($p)) . '"' . ($p === $current ? ' class="qs-current"' : '') . '>'
                . self::h($this->t($key)) . '</a>';
        }
        return $out . '</nav>';
    }

    public static function css(): string
    {
        return <<<CSS
<style>
.qs{font-family:-apple-system,Segoe UI,Helvetica,Arial,sans-serif;font-size:14px;color:#222}
.qs h2{font-size:20px;margin:12px 0}.qs h3{font-size:16px;margin:16px 0 8px}
.qs-nav{display:flex;flex-wrap:wrap;gap:4px;border-bottom:2px solid #2ca01c;margin-bottom:12px}
.qs-nav a{padding:6px 12px;text-decoration:none;color:#2c3e50;border-radius:4px 4px 0 0}
.qs-nav a.qs-current{background:#2ca01c;color:#fff}
.qs table{border-collapse:collapse;width:100%;margin:8px 0}.qs th,.qs td{border-bottom:1px solid #ddd;padding:5px 8px;text-align:left;vertical-align:top}
.qs th{background:#f4f6f8}.qs .num{text-align:right;font-variant-numeric:tabular-nums}
.qs-badge{display:inline-block;padding:1px 8px;border-radius:10px;font-size:12px;white-space:nowrap}
.qs-ok{background:#dff3d8;color:#1d6b10}.qs-err{background:#fbe0e0;color:#a11}.qs-warn{background:#fff1cc;color:#7a5300}
.qs-info{background:#e2eefc;color:#1d4f91}.qs-muted{background:#eee;color:#555}
.qs-flash{padding:8px 12px;border-radius:4px;margin:6px 0}.qs-flash.qs-ok,.qs-flash.qs-err,.qs-flash.qs-warn,.qs-flash.qs-info{display:block}
.qs-cards{display:flex;flex-wrap:wrap;gap:10px}.qs-card{border:1px solid #ddd;border-radius:6px;padding:10px 14px;min-width:160px}
.qs-card b{display:block;font-size:22px}
.qs form.qs-inline{display:inline}.qs button,.qs .qs-btn{padding:4px 10px;border:1px solid #2ca01c;background:#2ca01c;color:#fff;border-radius:4px;cursor:pointer;text-decoration:none;font-size:13px}
.qs button.qs-plain{background:#fff;color:#2c3e50;border-color:#aaa}
.qs input[type=text],.qs input[type=date],.qs input[type=search],.qs select{padding:3px 6px;border:1px solid #bbb;border-radius:3px}
.qs details summary{cursor:pointer}.qs .qs-hint{color:#555;font-size:12px}
.qs-bar{height:22px;background:#eee;border-radius:4px;overflow:hidden;margin:8px 0}.qs-bar div{height:100%;background:#2ca01c;color:#fff;text-align:center;font-size:12px;line-height:22px;transition:width .3s}
.qs-pager{margin:8px 0}.qs-pager a,.qs-pager span{margin-right:8px}
</style>
CSS;
    }

    /** Shows the flash messages and an error line for a connection that cannot be made. */
    public function messages(): string
    {
        $out = '';
        foreach ($_SESSION['qbosync_flash'] ?? [] as [$level, $text]) {
            $out .= '<div class="qs-flash qs-' . self::h($level) . '" role="status">' . self::h($text) . '</div>';
        }
        unset($_SESSION['qbosync_flash']);
        return $out;
    }

    /** A message for a call this build of the extension does not have. */
    public function unavailable(string $fn): string
    {
        return '<div class="qs-flash qs-warn">' . self::h($this->t('not_available', $fn)) . '</div>';
    }

    /** The pager: "1–50 of 100,000" with previous/next links. */
    public function pager(string $page, array $q, int $offset, int $limit, int $total): string
    {
        $out = '<div class="qs-pager">' . self::h($this->t('showing', $total ? $offset + 1 : 0, min($offset + $limit, $total), number_format($total)));
        if ($offset > 0) {
            $out .= ' <a href="' . self::h($this->link($page, $q + ['offset' => max(0, $offset - $limit)])) . '">' . self::h($this->t('previous')) . '</a>';
        }
        if ($offset + $limit < $total) {
            $out .= ' <a href="' . self::h($this->link($page, $q + ['offset' => $offset + $limit])) . '">' . self::h($this->t('next')) . '</a>';
        }
        return $out . '</div>';
    }

    /* ------------------------------------------------------------ dispatch */

    public function run(): void
    {
        if (empty($_SESSION['adminid'])) {
            http_response_code(403);
            echo '<p>' . self::h($this->t('admins_only')) . '</p>';
            return;
        }
        $page = self::get('page', 'overview');
        if ($page === 'callback') {
            require_once dirname(__DIR__) . '/pages/settings.php';
            qbosync_page_callback($this);
            return;
        }
        if (!isset(self::PAGES[$page])) {
            $page = 'overview';
        }
        if ($_SERVER['REQUEST_METHOD'] === 'POST' && !self::tokenOk()) {
            while (ob_get_level() > 0) {
                ob_end_clean();
            }
            http_response_code(403);
            echo '<div class="qs"><div class="qs-flash qs-err" role="alert">' . self::h($this->t('csrf_refused')) . '</div></div>';
            exit;
        }
        require_once dirname(__DIR__) . '/pages/' . $page . '.php';
        $fn = 'qbosync_page_' . $page;
        ob_start();
        $fn($this);
        $body = ob_get_clean();
        echo self::css(), '<div class="qs" id="qbosync">', $this->nav($page), $this->messages();
        if ($this->connError !== null) {
            echo '<div class="qs-flash qs-err">' . self::h($this->t('cannot_connect', $this->connError)) . '</div>';
        }
        echo $body, '</div>';
    }
}
