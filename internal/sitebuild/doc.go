// Package sitebuild is gowebob build: it compiles every page of a docroot
// into one program that runs package site, without writing into the
// docroot.
//
// Each page keeps its source as written, apart from its package clause:
// the build gives it a package of its own (pages are all package main),
// in a folder that exists only in a go build -overlay, with a //line
// directive so that compiler errors, stacks and runtime.Caller name the
// page's real file. A generated main mounts every page on one
// docroot.Dispatcher (site.Site) and embeds the static files, with their
// sizes and times, so that ETags are those of gowebob serve. A page that
// embeds files (//go:embed) gets its folder's files in its overlay
// folder.
package sitebuild
