<?php
// The CLI's shared part: global options, the connection from a config file,
// output as plain lines or JSON, exit codes, and dispatch to bin/lib/cmd_<name>.php.

const QBOSYNC_EXIT_OK = 0;        // done; nothing wrong
const QBOSYNC_EXIT_PROBLEMS = 1;  // done, but records are in Error / Mismatch, or a check differs
const QBOSYNC_EXIT_USAGE = 2;     // wrong command line
const QBOSYNC_EXIT_CONFIG = 3;    // no extension, unreadable config, not connected
const QBOSYNC_EXIT_FAILED = 4;    // the command could not do its work (store or QuickBooks failure)
const QBOSYNC_EXIT_LOCKED = 5;    // another worker holds the company's lock

final class QbosyncCli
{
    /** @var array<string, string|true> global and command options (--name[=value]) */
    public array $opts = [];
    /** @var list<string> words after the command */
    public array $args = [];
    public string $command = '';
    public bool $json = false;
    /** @var resource */
    public $out;
    /** @var resource */
    public $err;
    private ?QboSync\Connection $conn = null;
    /** @var callable|null the config file's 'source' (the history push's records for a platform other than WHMCS) */
    public $source = null;

    public function __construct()
    {
        $this->out = STDOUT;
        $this->err = STDERR;
    }

    public function opt(string $name, ?string $default = null): ?string
    {
        $v = $this->opts[$name] ?? null;
        if ($v === null) {
            return $default;
        }
        return $v === true ? '1' : $v;
    }

    public function flag(string $name): bool
    {
        return isset($this->opts[$name]) && $this->opts[$name] !== '0';
    }

    /**
     * The connection options: the PHP file named by --config (or QBOSYNC_CONFIG)
     * returns the array given to qbo_connect(); --store and --environment override it.
     */
    public function options(): array
    {
        $file = $this->opt('config', getenv('QBOSYNC_CONFIG') ?: null);
        $options = [];
        if ($file !== null) {
            if (!is_readable($file)) {
                throw new QbosyncCliError("cannot read the config file $file: give --config FILE, a PHP file returning qbo_connect()'s options", QBOSYNC_EXIT_CONFIG);
            }
            // required from a static closure: closures in the file (source, fetch) hold no $this, so no cycle keeps the connection alive
            $options = (static fn() => require $file)();
            if (!is_array($options)) {
                throw new QbosyncCliError("the config file $file must return an array of qbo_connect() options", QBOSYNC_EXIT_CONFIG);
            }
        }
        if (isset($options['source'])) {
            // not a qbo_connect() option: the history push and the reconciliation read it
            if (!is_callable($options['source'])) {
                throw new QbosyncCliError("the config file's source must be a callable fn(string \$kind, int \$offset, int \$limit): array", QBOSYNC_EXIT_CONFIG);
            }
            $this->source = $options['source'];
            unset($options['source']);
        }
        foreach (['store', 'environment'] as $k) {
            if ($this->opt($k) !== null) {
                $options[$k] = $this->opt($k);
            }
        }
        if (!isset($options['delivery'])) {
            $options['delivery'] = 'worker';
        }
        return $options;
    }

    public function conn(): QboSync\Connection
    {
        return $this->conn ??= qbo_connect($this->options());
    }

    /** A line for a person (plain mode only). */
    public function say(string $line): void
    {
        if (!$this->json) {
            fwrite($this->out, $line . "\n");
        }
    }

    /** The command's result: printed as JSON with --json, else by $plain. */
    public function result(array $data, ?callable $plain = null): void
    {
        if ($this->json) {
            fwrite($this->out, json_encode($data, JSON_PRETTY_PRINT | JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE) . "\n");
        } elseif ($plain !== null) {
            $plain($data);
        }
    }

    /** qbo_sync()'s batch_size from --batch (default 30: creates and updates sent as /batch requests). */
    public function batch(): int
    {
        $b = $this->opt('batch') ?? '30';
        if (!ctype_digit($b) || (int)$b < 1 || (int)$b > 30) {
            throw new QbosyncCliError('--batch takes the records per QuickBooks batch request, 1 to 30', QBOSYNC_EXIT_USAGE);
        }
        return (int)$b;
    }

    public function isTerminal(): bool
    {
        return !$this->json && function_exists('posix_isatty') && @posix_isatty($this->out);
    }
}

final class QbosyncCliError extends RuntimeException
{
}

/** @return array<string, string> command => one-line help */
function qbosync_cli_commands(): array
{
    $cmds = [];
    foreach (glob(__DIR__ . '/cmd_*.php') as $f) {
        $name = substr(basename($f, '.php'), 4);
        $head = '';
        foreach (file($f) as $line) {
            if (preg_match('~^// ' . preg_quote($name, '~') . '\b(.*)$~', $line, $m)) {
                $head = trim($m[1], " :-");
                break;
            }
        }
        $cmds[$name] = $head;
    }
    ksort($cmds);
    return $cmds;
}

function qbosync_cli_usage($to): void
{
    fwrite($to, "usage: qbosync [--config FILE] [--store PATH] [--json] COMMAND [options]\n\ncommands:\n");
    foreach (qbosync_cli_commands() as $name => $help) {
        fwrite($to, sprintf("  %-10s %s\n", $name, $help));
    }
    fwrite($to, "\nexit codes: 0 ok, 1 records need attention, 2 usage, 3 configuration, 4 failed, 5 locked\n");
}

/** Splits argv into options (--a, --a=b, --a b for known valued options) and words. */
function qbosync_cli_parse(array $argv, QbosyncCli $cli): void
{
    $valued = ['config', 'store', 'environment', 'kinds', 'since', 'until', 'limit', 'kind', 'id', 'level', 'from', 'to', 'port', 'state', 'page', 'interval', 'progress', 'batch', 'code', 'tid', 'type', 'offset'];
    $words = [];
    for ($i = 1, $n = count($argv); $i < $n; $i++) {
        $a = $argv[$i];
        if ($a === '--') {
            array_push($words, ...array_slice($argv, $i + 1));
            break;
        }
        if (strncmp($a, '--', 2) === 0) {
            $eq = strpos($a, '=');
            if ($eq !== false) {
                $cli->opts[substr($a, 2, $eq - 2)] = substr($a, $eq + 1);
            } else {
                $name = substr($a, 2);
                if (in_array($name, $valued, true) && $i + 1 < $n) {
                    $cli->opts[$name] = $argv[++$i];
                } else {
                    $cli->opts[$name] = true;
                }
            }
            continue;
        }
        $words[] = $a;
    }
    $cli->json = $cli->flag('json');
    $cli->command = (string)array_shift($words);
    $cli->args = $words;
}

function qbosync_cli_main(array $argv): int
{
    $cli = new QbosyncCli();
    qbosync_cli_parse($argv, $cli);
    if ($cli->command === '' || $cli->command === 'help' || $cli->flag('help')) {
        qbosync_cli_usage($cli->command === '' && !$cli->flag('help') ? $cli->err : $cli->out);
        return $cli->command === '' && !$cli->flag('help') ? QBOSYNC_EXIT_USAGE : QBOSYNC_EXIT_OK;
    }
    if (!preg_match('/^[a-z][a-z0-9_-]*$/', $cli->command) || !is_file(__DIR__ . "/cmd_{$cli->command}.php")) {
        fwrite($cli->err, "qbosync: unknown command \"" . addcslashes($cli->command, "\0..\37\177..\377") . "\" (qbosync help lists them)\n");
        return QBOSYNC_EXIT_USAGE;
    }
    if (!extension_loaded('qbosync')) {
        fwrite($cli->err, "qbosync: the qbosync extension is not loaded: add extension=qbosync.so to php.ini (php --ini shows which)\n");
        return QBOSYNC_EXIT_CONFIG;
    }
    require __DIR__ . "/cmd_{$cli->command}.php";
    $fn = 'qbosync_cmd_' . str_replace('-', '_', $cli->command);
    try {
        return $fn($cli);
    } catch (QbosyncCliError $e) {
        $cli->json ? $cli->result(['error' => $e->getMessage()]) : fwrite($cli->err, "qbosync {$cli->command}: {$e->getMessage()}\n");
        return $e->getCode() ?: QBOSYNC_EXIT_FAILED;
    } catch (QboSync\Exception $e) {
        $code = $e instanceof QboSync\AuthException ? QBOSYNC_EXIT_CONFIG : QBOSYNC_EXIT_FAILED;
        $cli->json ? $cli->result(['error' => $e->getMessage(), 'exception' => get_class($e)]) : fwrite($cli->err, "qbosync {$cli->command}: {$e->getMessage()}\n");
        return $code;
    }
}
