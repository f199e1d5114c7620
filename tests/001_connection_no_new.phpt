--TEST--
QboSync\Connection cannot be constructed with new (nor without its constructor)
--FILE--
<?php
try {
    new QboSync\Connection();
    echo "constructed\n";
} catch (Error $e) {
    echo get_class($e), ': ', $e->getMessage(), "\n";
}
try {
    (new ReflectionClass(QboSync\Connection::class))->newInstanceWithoutConstructor();
    echo "constructed\n";
} catch (ReflectionException $e) {
    echo get_class($e), ': ', $e->getMessage(), "\n";
}
$rc = new ReflectionClass(QboSync\Connection::class);
var_dump($rc->isFinal(), $rc->isCloneable());
?>
--EXPECT--
Error: Cannot directly construct QboSync\Connection, use qbo_connect() instead
ReflectionException: Class QboSync\Connection is an internal class marked as final that cannot be instantiated without invoking its constructor
bool(true)
bool(false)
