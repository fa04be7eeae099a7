package devpage

import (
	"html"
	"strings"
)

// EventsPath is the path of the server-sent events the live-reload script
// listens to: gowebob serve -dev answers it, for the page named by its
// "page" query parameter, with an event "build" whose data is the build
// key the page now shows (its last good build's, or the one that failed
// to compile), at once and after every build of the page. The docroot
// cannot serve it: a path element that starts with a dot is never served.
const EventsPath = "/.gowebob/events"

// Script returns the live-reload script for an answer of page built from
// key: it reloads the document when the server reports that the page now
// shows another build (a new program, or the compile error page).
func Script(page, key string) string {
	return `<script data-gowebob-page="` + html.EscapeString(page) + `" data-gowebob-build="` + html.EscapeString(key) + `">` + liveJS + "</script>\n"
}

// liveJS reads its page and build from its script element. A closed
// connection (the server restarting) is retried by EventSource itself.
const liveJS = `(function(){var s=document.currentScript;if(!s||!window.EventSource)return;` +
	`var b=s.getAttribute("data-gowebob-build");` +
	`var es=new EventSource("` + EventsPath + `?page="+encodeURIComponent(s.getAttribute("data-gowebob-page")));` +
	`es.addEventListener("build",function(e){if(e.data!==b){es.close();location.reload();}});})();`

// IsHTML reports whether the media type of contentType is text/html.
func IsHTML(contentType string) bool {
	mt, _, _ := strings.Cut(contentType, ";")
	return strings.EqualFold(strings.TrimSpace(mt), "text/html")
}
