# Header dependencies: the compiler writes each object's list of included
# headers beside it (-MMD, a .dep file); reading them here rebuilds an object
# when a header it includes changes, not only when its own .c file does.
-include $(wildcard ext/*.dep ext/core/*.dep ext/php/*.dep)
