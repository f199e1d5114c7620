--TEST--
qbosync is loaded (fails, never skips, when the extension is missing)
--FILE--
<?php
if (!extension_loaded('qbosync')) {
    echo "qbosync is NOT loaded: run the tests with -d extension=modules/qbosync.so (script/test does)\n";
    exit(1);
}
var_dump((bool)preg_match('/^\d+\.\d+\.\d+(-\w+)?$/', phpversion('qbosync')));
foreach (['qbo_connect', 'qbo_oauth_url', 'qbo_oauth_exchange', 'qbo_map', 'qbo_push',
          'qbo_sync', 'qbo_status', 'qbo_entities'] as $fn) {
    echo $fn, ': ', function_exists($fn) ? 'yes' : 'MISSING', "\n";
}
var_dump(class_exists('QboSync\Connection'), is_subclass_of('QboSync\ValidationException', 'QboSync\Exception'));
?>
--EXPECT--
bool(true)
qbo_connect: yes
qbo_oauth_url: yes
qbo_oauth_exchange: yes
qbo_map: yes
qbo_push: yes
qbo_sync: yes
qbo_status: yes
qbo_entities: yes
bool(true)
bool(true)
