package request

import "strings"

// PathInfoPop moves the next segment of PATH_INFO, with the slashes before
// it, to the end of SCRIPT_NAME and returns it. It reports false when
// PATH_INFO is empty.
//
// As in WebOb, empty segments are skipped ("//a" pops "a", moving "//a"),
// and a trailing slash pops as one last empty segment: "/a/" pops "a", then
// "", then nothing.
func (r *Request) PathInfoPop() (string, bool) {
	path := r.Environ["PATH_INFO"]
	if path == "" {
		return "", false
	}
	rest := strings.TrimLeft(path, "/")
	slashes := path[:len(path)-len(rest)]
	seg := rest
	if i := strings.IndexByte(rest, '/'); i >= 0 {
		seg = rest[:i]
	}
	r.Environ["SCRIPT_NAME"] = r.Environ["SCRIPT_NAME"] + slashes + seg
	r.Environ["PATH_INFO"] = rest[len(seg):]
	return seg, true
}

// PathInfoPopMatch is PathInfoPop when the next segment satisfies match,
// as WebOb's path_info_pop(pattern): when PATH_INFO is empty or match
// reports false for the segment, nothing changes and it reports false.
// It takes a function rather than WebOb's regular expression so that the
// caller chooses how to match (a regexp's MatchString, strings.HasPrefix,
// a lookup); note that WebOb's re.match anchors only at the start.
func (r *Request) PathInfoPopMatch(match func(segment string) bool) (string, bool) {
	seg, ok := r.PathInfoPeek()
	if !ok || !match(seg) {
		return "", false
	}
	return r.PathInfoPop()
}

// PathInfoPeek returns the segment PathInfoPop would pop, without changing
// anything. It reports false when PATH_INFO is empty.
func (r *Request) PathInfoPeek() (string, bool) {
	path := r.Environ["PATH_INFO"]
	if path == "" {
		return "", false
	}
	seg, _, _ := strings.Cut(strings.TrimLeft(path, "/"), "/")
	return seg, true
}
