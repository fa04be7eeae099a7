package response

import "github.com/gowebob/gowebob/internal/httplex"

// isToken reports whether s is a non-empty HTTP token.
func isToken(s string) bool { return httplex.IsToken(s) }
