package response

import "github.com/gowebob/gowebob/internal/pyjson"

// marshalJSON encodes v as WebOb's json_body does; see pyjson.Marshal.
func marshalJSON(v any) ([]byte, error) { return pyjson.Marshal(v) }
