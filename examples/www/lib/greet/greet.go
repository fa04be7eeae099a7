// Package greet is a helper package of the example docroot: a page imports
// it as "site/lib/greet", the way a WSGI page imports a module that sits
// beside it.
package greet

// Hello returns the greeting for name, "Hello, world!" for "world".
func Hello(name string) string { return "Hello, " + name + "!" }
