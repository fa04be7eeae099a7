package handoff

import "errors"

// MaxMessage bounds a message: a connection's route and the bytes read
// from it (a request header of up to 128 KiB, and what was buffered after
// it) fit, within the default socket buffer of a unix socket pair.
const MaxMessage = 192 << 10

// ErrTooLarge is a message over MaxMessage, which is not sent: the caller
// answers the connection some other way.
var ErrTooLarge = errors.New("handoff: message too large")
