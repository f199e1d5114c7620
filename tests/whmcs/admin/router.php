<?php
/*
 * tests/whmcs/admin/router.php — the harness's WHMCS admin area for PHP's built-in server
 * (php -S 127.0.0.1:PORT router.php): an admin login, and addonmodules.php?module=NAME,
 * which runs the addon as WHMCS does (its hooks.php loaded on every request, _upgrade on
 * a new version, $vars with the fields, modulelink and _lang, _sidebar, _output echoed
 * in the admin frame). The addon runs unchanged from modules/addons/NAME.
 * Environment: WHMCS_HARNESS_DB (the WHMCS database file), WHMCS_HARNESS_ROOT (the
 * WHMCS root holding configuration.php), WHMCS_HARNESS_PASSWORD (admin's password).
 */
$path = parse_url($_SERVER['REQUEST_URI'], PHP_URL_PATH) ?: '/';
require __DIR__ . '/../whmcs.inc';
define('ROOTDIR', getenv('WHMCS_HARNESS_ROOT') ?: sys_get_temp_dir());
$addons = dirname(__DIR__, 3) . '/modules/addons';

session_name('WHMCSAdmin');
session_start();

/** Addons activated in Setup > Addon Modules (a version row in tbladdonmodules). */
$active = array_column(whmcs()->q("SELECT module FROM tbladdonmodules WHERE setting = 'version'"), 'module');
foreach ($active as $m) {
    if (preg_match('/^[a-z][a-z0-9_]*$/', $m) && is_file("$addons/$m/hooks.php")) {
        require_once "$addons/$m/$m.php";
        require_once "$addons/$m/hooks.php";
    }
}

function harness_frame(string $title, string $sidebar, string $body): void
{
    $t = htmlspecialchars($title, ENT_QUOTES, 'UTF-8');
    echo "<!doctype html><html><head><meta charset=\"utf-8\"><title>$t - WHMCS admin (harness)</title>",
        '<style>body{margin:0;font-family:Arial,sans-serif;background:#f5f6f8}header{background:#1a4d80;color:#fff;padding:10px 16px;font-size:15px}',
        'header a{color:#cfe3ff;margin-left:14px}.wrap{display:flex}aside{width:190px;padding:12px;background:#fff;border-right:1px solid #ddd;min-height:90vh;font-size:13px}',
        'aside ul{padding-left:16px}main{flex:1;padding:12px 18px;background:#fff;margin:10px;border:1px solid #ddd}</style></head><body>',
        '<header>WHMCS admin (harness) <a href="/admin/addonmodules.php?module=qbosync">qbosync</a> <a href="/admin/logout.php">Log out</a></header>',
        '<div class="wrap"><aside>', $sidebar, '</aside><main>', $body, '</main></div></body></html>';
}

switch ($path) {
    case '/':
    case '/admin':
    case '/admin/':
    case '/admin/index.php':
        header('Location: /admin/addonmodules.php?module=qbosync');
        return true;
    case '/admin/login.php':
        if ($_SERVER['REQUEST_METHOD'] === 'POST') {
            $want = getenv('WHMCS_HARNESS_PASSWORD') ?: 'admin';
            if (($_POST['username'] ?? '') === 'admin' && hash_equals($want, (string)($_POST['password'] ?? ''))) {
                session_regenerate_id(true);
                $_SESSION['adminid'] = 1;
                header('Location: ' . (preg_match('#^/admin/[a-z]+\.php#', (string)($_POST['goto'] ?? '')) ? $_POST['goto'] : '/admin/addonmodules.php?module=qbosync'));
                return true;
            }
            http_response_code(401);
        }
        $goto = htmlspecialchars((string)($_GET['goto'] ?? ''), ENT_QUOTES, 'UTF-8');
        echo '<!doctype html><html><head><meta charset="utf-8"><title>Login - WHMCS admin (harness)</title></head><body><form method="post" id="login">',
            '<input type="hidden" name="goto" value="', $goto, '"><p>Username <input name="username"></p><p>Password <input type="password" name="password"></p>',
            '<button type="submit">Login</button></form></body></html>';
        return true;
    case '/admin/logout.php':
        $_SESSION = [];
        session_destroy();
        header('Location: /admin/login.php');
        return true;
    case '/admin/addonmodules.php':
        if (empty($_SESSION['adminid'])) {
            header('Location: /admin/login.php?goto=' . rawurlencode($_SERVER['REQUEST_URI']));
            return true;
        }
        $m = (string)($_GET['module'] ?? '');
        if (!in_array($m, $active, true) || !is_file("$addons/$m/$m.php")) {
            http_response_code(404);
            harness_frame('Addon Modules', '', '<p>That addon is not active.</p>');
            return true;
        }
        whmcs_addon_upgrade("$addons/$m", $m);
        $config = ("{$m}_config")();
        $_ADDONLANG = [];
        $lang = "$addons/$m/lang/" . ($config['language'] ?? 'english') . '.php';
        if (is_file($lang)) {
            include $lang;
        }
        $vars = whmcs_addon_settings($m) + ['modulelink' => "addonmodules.php?module=$m", '_lang' => $_ADDONLANG];
        ob_start();
        ("{$m}_output")($vars);
        $body = ob_get_clean();
        $sidebar = function_exists("{$m}_sidebar") ? ("{$m}_sidebar")($vars) : '';
        harness_frame($config['name'] ?? $m, $sidebar, $body);
        return true;
}
http_response_code(404);
echo 'Not found';
return true;
