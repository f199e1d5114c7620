<?php
// The gateway's webhook deliverer loop (started on demand by sbx_webhook_kick, or by hand:
// `QBO_SANDBOX_DB=... php sandbox/lib/deliver.php [SERVER_PID]`). One instance per DB file
// (flock); exits when the server pid is gone, the DB file is gone, or after 60 s with nothing
// configured.
declare(strict_types=1);

require_once __DIR__ . '/common.php';
require_once __DIR__ . '/oauth.php';
require_once __DIR__ . '/edge.php';

$lockPath = sbx_webhook_lockfile();
$lock = fopen($lockPath, 'c');
if ($lock === false || !flock($lock, LOCK_EX | LOCK_NB)) {
    exit(0);   // another deliverer runs
}
$server = (int)($argv[1] ?? 0);
$idleSince = microtime(true);
while (true) {
    if ($server > 1 && function_exists('posix_kill') && !posix_kill($server, 0)) {
        break;
    }
    if (!is_file(sbx_db_path())) {
        break;
    }
    sbx_meta_cache([]);   // clock offset and time scale may have changed
    if (sbx_edge_dir(true) . '/deliver.lock' !== $lockPath) {
        break;   // the sandbox was reset: a new deliverer takes over under the new instance
    }
    try {
        $db = sbx_edge_db();
        $hooks = (int)$db->query('SELECT COUNT(*) FROM sbx_webhook')->fetchColumn();
        $pending = (int)$db->query("SELECT COUNT(*) FROM sbx_delivery WHERE status = 'pending'")->fetchColumn();
        if ($hooks > 0 || $pending > 0) {
            $idleSince = microtime(true);
            sbx_webhook_run_once();
        } elseif (microtime(true) - $idleSince > 60) {
            break;
        }
    } catch (Throwable $e) {
        fwrite(STDERR, date('c') . ' deliver: ' . $e->getMessage() . "\n");
        usleep(500000);
    }
    usleep(100000);
}
