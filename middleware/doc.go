// Package middleware holds standard func(http.Handler) http.Handler pieces
// for gowebob applications.
package middleware
