package response

import (
	"time"

	"github.com/gowebob/gowebob/header"
)

// CacheControl returns the Cache-Control header parsed as WebOb's
// cache_control. It is a copy: change it and write it back with
// SetCacheControl, or use UpdateCacheControl.
func (r *Response) CacheControl() header.CacheControl {
	return header.ParseCacheControl(r.header.Get("Cache-Control"))
}

// SetCacheControl writes cc to the Cache-Control header as WebOb does when
// a cache_control attribute changes: serialised with directives sorted by
// name, moved to the end of the header list, or removed when cc is empty.
func (r *Response) SetCacheControl(cc header.CacheControl) {
	if v := cc.String(); v != "" {
		r.header.Set("Cache-Control", v)
		return
	}
	r.header.Del("Cache-Control")
}

// UpdateCacheControl parses the Cache-Control header, lets f change it and
// writes it back with SetCacheControl: WebOb's
//
//	resp.cache_control.max_age = 3600
//
// is
//
//	resp.UpdateCacheControl(func(cc *header.CacheControl) { cc.SetInt("max-age", 3600) })
func (r *Response) UpdateCacheControl(f func(cc *header.CacheControl)) {
	cc := r.CacheControl()
	f(&cc)
	r.SetCacheControl(cc)
}

// CacheExpires sets the response to expire in seconds, as WebOb's
// cache_expires does.
//
// With 0 the response must not be cached at all: no-store, no-cache,
// must-revalidate and max-age=0 are added to Cache-Control (other
// directives stay), Expires is set to now, Last-Modified to now unless it
// is set, and "Pragma: no-cache" is added.
//
// Otherwise Cache-Control becomes just max-age=seconds, Expires is set to
// now plus seconds, and Pragma is removed. Negative seconds are written as
// they are, as in WebOb.
func (r *Response) CacheExpires(seconds int) {
	cc := r.CacheControl()
	now := nowFunc()
	if seconds == 0 {
		cc.SetFlag("no-store", true)
		cc.SetFlag("no-cache", true)
		cc.SetFlag("must-revalidate", true)
		cc.SetInt("max-age", 0)
		r.SetCacheControl(cc)
		r.SetExpires(now)
		if !r.header.Has("Last-Modified") {
			r.SetLastModified(now)
		}
		r.header.Set("Pragma", "no-cache")
		return
	}
	cc = header.CacheControl{}
	cc.SetInt("max-age", seconds)
	r.SetCacheControl(cc)
	r.SetExpires(now.Add(time.Duration(seconds) * time.Second))
	r.header.Del("Pragma")
}
