package request

// Limits bounds the memory and work that parsing one request may take. A zero
// field means the default from DefaultLimits(); a negative field means no limit.
type Limits struct {
	// MaxBodyBytes is the largest body that Body, Text, JSON and form parsing
	// will read. Default 10 MiB. Exceeding it gives a *TooLargeError (413).
	MaxBodyBytes int64

	// MaxMemoryBytes is how much of a buffered body, and of multipart file
	// content, is kept in memory before spilling to a temporary file.
	// Default 1 MiB. The content of a file kept in memory is a slice of the
	// body's buffer, so it takes no memory of its own, but it counts
	// against this limit as it did when it was a copy.
	MaxMemoryBytes int64

	// MaxFormKeys is the largest number of fields the query string or a form
	// body may hold. Default 1000. Exceeding it gives a *TooLargeError.
	MaxFormKeys int

	// MaxQueryBytes is the longest QUERY_STRING that GET will parse.
	// Default 64 KiB. Exceeding it gives a *TooLargeError (414 at the HTTP
	// layer is for the request line; this is for parsing).
	MaxQueryBytes int

	// MaxParts is the largest number of parts a multipart body may have.
	// Default 1000.
	MaxParts int

	// MaxJSONDepth is the deepest nesting of arrays and objects JSON will
	// decode. Default 128. Exceeding it gives a *TooLargeError (400).
	MaxJSONDepth int
}

// DefaultLimits returns the limits used where a Limits field is zero. It
// is a function rather than a variable so that no code can change the
// defaults of every Request in the program by accident; set Limits on a
// Request (or webob.Handler.Limits) instead.
func DefaultLimits() Limits {
	return defaultLimits
}

var defaultLimits = Limits{
	MaxBodyBytes:   10 << 20,
	MaxMemoryBytes: 1 << 20,
	MaxFormKeys:    1000,
	MaxQueryBytes:  64 << 10,
	MaxParts:       1000,
	MaxJSONDepth:   128,
}

// effective returns l with zero fields replaced by their defaults.
func (l Limits) effective() Limits {
	d := defaultLimits
	if l.MaxBodyBytes != 0 {
		d.MaxBodyBytes = l.MaxBodyBytes
	}
	if l.MaxMemoryBytes != 0 {
		d.MaxMemoryBytes = l.MaxMemoryBytes
	}
	if l.MaxFormKeys != 0 {
		d.MaxFormKeys = l.MaxFormKeys
	}
	if l.MaxQueryBytes != 0 {
		d.MaxQueryBytes = l.MaxQueryBytes
	}
	if l.MaxParts != 0 {
		d.MaxParts = l.MaxParts
	}
	if l.MaxJSONDepth != 0 {
		d.MaxJSONDepth = l.MaxJSONDepth
	}
	return d
}
