<?php
// store: store copy FROM TO: copies every connection, token, entity, mapping, queued record, hook event, log line, stored value, QuickBooks change, parked realm link, worker lock and history job between stores (SQLite <-> MariaDB/MySQL), verified by counts

/**
 * The tables a store holds, in the order they are copied (rate_slot and
 * flight_slot, the limiter's last minute and the requests in flight now, are not).
 */
const QBOSYNC_STORE_TABLES = ['conn', 'oauth_state', 'entity', 'outbox', 'mapping', 'hook_event', 'log', 'meta',
    'qbo_event', 'realm_link', 'realm_mapping', 'worker_lock', 'history_job'];

/**
 * The rows of table $t that are copied: a MariaDB/MySQL store keeps its
 * schema version in meta under conn '' (each store has its own), never copied.
 */
function qbosync_store_rows_where(string $t): string
{
    return $t === 'meta' ? " WHERE conn <> ''" : '';
}

/**
 * A PDO handle on a store name (a SQLite path / sqlite:path, or a mysql:// or
 * mariadb:// URL) and its table prefix. The password of a MariaDB/MySQL store
 * is the config's store_password, else the environment's QBOSYNC_STORE_PASSWORD
 * (never the command line, where every user of the machine could read it).
 */
function qbosync_store_pdo(string $name, ?string $password): array
{
    if (!preg_match('~^(?:mysql|mariadb)://~i', $name)) {
        $path = preg_replace('~^sqlite:(//)?~i', '', $name);
        if (!is_file($path)) {
            throw new QbosyncCliError("the SQLite store $path does not exist", QBOSYNC_EXIT_USAGE);
        }
        $db = new PDO('sqlite:' . $path, null, null, [PDO::ATTR_ERRMODE => PDO::ERRMODE_EXCEPTION]);
        $db->exec('PRAGMA busy_timeout = 10000');
        return [$db, '', 'sqlite'];
    }
    $u = parse_url($name);
    if ($u === false || !isset($u['user'], $u['path'])) {
        throw new QbosyncCliError("the store URL $name is not mysql://user@host:port/database", QBOSYNC_EXIT_USAGE);
    }
    if (isset($u['pass'])) {
        throw new QbosyncCliError('the store URL must not contain the password: put store_password in the config file or QBOSYNC_STORE_PASSWORD in the environment', QBOSYNC_EXIT_USAGE);
    }
    parse_str($u['query'] ?? '', $q);
    $dsn = 'mysql:dbname=' . rawurldecode(ltrim($u['path'], '/')) . ';charset=utf8mb4';
    $dsn .= isset($q['socket']) ? ';unix_socket=' . $q['socket'] : ';host=' . ($u['host'] ?? 'localhost') . ';port=' . ($u['port'] ?? 3306);
    $attr = [PDO::ATTR_ERRMODE => PDO::ERRMODE_EXCEPTION, PDO::ATTR_EMULATE_PREPARES => false];
    if (isset($q['ssl_ca']) || isset($q['tls_ca'])) {
        $attr[PDO::MYSQL_ATTR_SSL_CA] = $q['ssl_ca'] ?? $q['tls_ca'];
        $attr[PDO::MYSQL_ATTR_SSL_VERIFY_SERVER_CERT] = true;
    }
    if (!extension_loaded('pdo_mysql')) {
        throw new QbosyncCliError('copying a MariaDB/MySQL store needs PHP\'s pdo_mysql (Debian: php8.2-mysql)', QBOSYNC_EXIT_CONFIG);
    }
    try {
        $db = new PDO($dsn, rawurldecode($u['user']), $password ?? '', $attr);
    } catch (PDOException $e) {
        throw new QbosyncCliError('cannot reach the store database ' . $name . ': ' . $e->getMessage(), QBOSYNC_EXIT_FAILED);
    }
    $db->exec("SET SESSION sql_mode = 'STRICT_ALL_TABLES,NO_ENGINE_SUBSTITUTION'");
    return [$db, $q['prefix'] ?? 'qbosync_', 'mysql'];
}

function qbosync_store_q(string $kind, string $col): string
{
    return $kind === 'mysql' ? "`$col`" : "\"$col\"";
}

function qbosync_cmd_store(QbosyncCli $cli): int
{
    if (($cli->args[0] ?? '') !== 'copy' || count($cli->args) !== 3) {
        throw new QbosyncCliError('usage: qbosync store copy FROM TO (each a SQLite path or a mysql://user@host:port/database?prefix=... URL)', QBOSYNC_EXIT_USAGE);
    }
    [, $from, $to] = $cli->args;
    foreach ([$from, $to] as $name) {
        if (preg_match('~^(?:mysql|mariadb)://[^/@]*:[^/@]*@~i', $name)) {
            throw new QbosyncCliError('a store URL must not contain the password: put store_password in the config file or QBOSYNC_STORE_PASSWORD in the environment', QBOSYNC_EXIT_USAGE);
        }
    }
    $options = $cli->options();
    $password = $options['store_password'] ?? (getenv('QBOSYNC_STORE_PASSWORD') ?: null);
    // the extension creates or migrates both schemas to the version it writes
    $probe = ['client_id' => 'qbosync-store-copy', 'environment' => 'sandbox', 'delivery' => 'worker'];
    foreach ([$from, $to] as $name) {
        qbo_connect($probe + ['store' => $name] + ($password !== null ? ['store_password' => $password] : []));
    }
    $probeKey = substr(hash('sha256', "sandbox\nqbosync-store-copy"), 0, 32);
    [$src, $sp, $sk] = qbosync_store_pdo($from, $password);
    [$dst, $dp, $dk] = qbosync_store_pdo($to, $password);
    foreach ([[$src, $sp, $sk], [$dst, $dp, $dk]] as [$db, $p, $k]) {
        $db->prepare("DELETE FROM {$p}conn WHERE " . qbosync_store_q($k, 'key') . ' = ?')->execute([$probeKey]);
    }
    foreach (QBOSYNC_STORE_TABLES as $t) {
        $n = (int)$dst->query("SELECT COUNT(*) FROM {$dp}$t" . qbosync_store_rows_where($t))->fetchColumn();
        if ($n > 0) {
            throw new QbosyncCliError("the target store $to is not empty ($t holds $n rows): copy into a new store", QBOSYNC_EXIT_USAGE);
        }
    }
    $counts = [];
    $dst->beginTransaction();
    try {
        foreach (QBOSYNC_STORE_TABLES as $t) {
            $rows = $src->query("SELECT * FROM {$sp}$t" . qbosync_store_rows_where($t));
            $ins = null;
            $n = 0;
            while (($row = $rows->fetch(PDO::FETCH_ASSOC)) !== false) {
                // columns a backend computes itself (MariaDB's virtual entity.id_len) are not copied
                $row = array_diff_key($row, ['id_len' => true]);
                if ($ins === null) {
                    $cols = array_keys($row);
                    $ins = $dst->prepare("INSERT INTO {$dp}$t(" . implode(', ', array_map(fn($c) => qbosync_store_q($dk, $c), $cols))
                        . ') VALUES(' . implode(', ', array_fill(0, count($cols), '?')) . ')');
                    $lob = array_flip(array_intersect($cols, ['access', 'refresh']));
                }
                $i = 1;
                foreach ($row as $c => $v) {
                    $ins->bindValue($i++, $v, $v === null ? PDO::PARAM_NULL : (isset($lob[$c]) ? PDO::PARAM_LOB : PDO::PARAM_STR));
                }
                $ins->execute();
                $n++;
            }
            $counts[$t] = ['from' => $n];
        }
        $dst->commit();
    } catch (Throwable $e) {
        $dst->rollBack();
        throw new QbosyncCliError("copying into $to failed, nothing was written: " . $e->getMessage(), QBOSYNC_EXIT_FAILED);
    }
    $ok = true;
    foreach (QBOSYNC_STORE_TABLES as $t) {
        $counts[$t]['to'] = (int)$dst->query("SELECT COUNT(*) FROM {$dp}$t" . qbosync_store_rows_where($t))->fetchColumn();
        $ok = $ok && $counts[$t]['to'] === $counts[$t]['from'];
    }
    $cli->result(['from' => $from, 'to' => $to, 'tables' => $counts, 'verified' => $ok], function (array $r) use ($cli) {
        foreach ($r['tables'] as $t => $c) {
            $cli->say(sprintf('%-12s %6d copied, %6d in the target', $t . ':', $c['from'], $c['to']));
        }
        $cli->say($r['verified'] ? 'verified: the counts agree' : 'the counts DIFFER: do not use the target store');
    });
    return $ok ? QBOSYNC_EXIT_OK : QBOSYNC_EXIT_FAILED;
}
