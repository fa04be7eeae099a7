// Package examples holds runnable example applications (hello, hello_webob,
// environ, inspect) and the www docroot for gowebob serve.
package examples
