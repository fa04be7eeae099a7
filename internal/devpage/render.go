package devpage

import (
	"encoding/json"
	"html"
	"net/http"
	"strconv"
	"strings"
)

// WantsJSON reports whether r's Accept prefers application/json to
// text/html: a media range's q decides, then its being exact
// (application/json over */*); text/html wins a tie, as does an Accept
// that names neither.
func WantsJSON(r *http.Request) bool {
	var jsonQ, htmlQ float64 = -1, -1
	var jsonExact, htmlExact bool
	for _, v := range r.Header.Values("Accept") {
		for part := range strings.SplitSeq(v, ",") {
			mt, params, _ := strings.Cut(part, ";")
			mt = strings.ToLower(strings.TrimSpace(mt))
			q := 1.0
			for p := range strings.SplitSeq(params, ";") {
				k, val, _ := strings.Cut(p, "=")
				if strings.TrimSpace(strings.ToLower(k)) == "q" {
					if f, err := strconv.ParseFloat(strings.TrimSpace(val), 64); err == nil && f >= 0 && f <= 1 {
						q = f
					}
				}
			}
			match := func(exact string, group string, best *float64, isExact *bool) {
				switch {
				case mt == exact:
					if !*isExact || q > *best {
						*best, *isExact = q, true
					}
				case (mt == group || mt == "*/*") && !*isExact:
					*best = max(*best, q)
				}
			}
			match("application/json", "application/*", &jsonQ, &jsonExact)
			match("text/html", "text/*", &htmlQ, &htmlExact)
		}
	}
	if jsonQ <= 0 {
		return false
	}
	return jsonQ > htmlQ || jsonQ == htmlQ && jsonExact && !htmlExact
}

// WriteBuildFailure answers r with f: a 500 whose body is HTML with live
// (the live-reload script, or "") at its end, or JSON (see WantsJSON).
func WriteBuildFailure(w http.ResponseWriter, r *http.Request, f *BuildFailure, live string) {
	if WantsJSON(r) {
		writeJSON(w, struct {
			Error string `json:"error"`
			*BuildFailure
		}{"build", f})
		return
	}
	var b strings.Builder
	head(&b, f.Page+" does not compile")
	b.WriteString("<h1>" + esc(f.Page) + " does not compile</h1>\n")
	for _, e := range f.Errors {
		b.WriteString(`<section class="error"><h2><code>` + esc(e.Location()) + "</code></h2>\n<pre class=\"msg\">" + esc(e.Message) + "</pre>\n")
		source(&b, e.Source)
		b.WriteString("</section>\n")
	}
	b.WriteString("<details><summary>Compiler output</summary>\n<pre>" + esc(f.Output) + "</pre></details>\n")
	tail(&b, live)
	writeHTML(w, b.String())
}

// WritePanic answers r with p: a 500 whose body is HTML with live at its
// end, or JSON (see WantsJSON).
func WritePanic(w http.ResponseWriter, r *http.Request, p *Panic, live string) {
	if WantsJSON(r) {
		writeJSON(w, struct {
			Error string `json:"error"`
			*Panic
		}{"panic", p})
		return
	}
	var b strings.Builder
	head(&b, "panic: "+p.Value)
	b.WriteString("<h1>panic: " + esc(p.Value) + "</h1>\n")
	if p.At != nil {
		b.WriteString(`<section class="error"><h2><code>` + esc(p.At.File+":"+strconv.Itoa(p.At.Line)) + "</code> in <code>" + esc(p.At.Func) + "</code></h2>\n")
		source(&b, p.Source)
		b.WriteString("</section>\n")
	}
	b.WriteString("<h2>Stack</h2>\n<ol class=\"stack\">\n")
	// The frames outside the docroot (the runtime's, gowebob's, the
	// libraries') fold into one line per run of them.
	for i := 0; i < len(p.Frames); {
		if p.Frames[i].InDocroot {
			f := p.Frames[i]
			b.WriteString("<li class=\"own\"><code>" + esc(f.Func) + "</code> <code>" + esc(f.File+":"+strconv.Itoa(f.Line)) + "</code></li>\n")
			i++
			continue
		}
		j := i
		for j < len(p.Frames) && !p.Frames[j].InDocroot {
			j++
		}
		b.WriteString("<li class=\"folded\"><details><summary>" + strconv.Itoa(j-i) + " frame" + plural(j-i) + " outside the docroot</summary>\n<ol>\n")
		for _, f := range p.Frames[i:j] {
			b.WriteString("<li><code>" + esc(f.Func) + "</code>")
			if f.File != "" {
				b.WriteString(" <code>" + esc(f.File+":"+strconv.Itoa(f.Line)) + "</code>")
			}
			b.WriteString("</li>\n")
		}
		b.WriteString("</ol></details></li>\n")
		i = j
	}
	b.WriteString("</ol>\n<h2>Request</h2>\n<p><code>" + esc(p.Request.Method+" "+p.Request.URL) + "</code></p>\n<table class=\"header\">\n")
	for _, f := range p.Request.Header {
		b.WriteString("<tr><th>" + esc(f.Name) + "</th><td>" + esc(f.Value) + "</td></tr>\n")
	}
	b.WriteString("</table>\n")
	tail(&b, live)
	writeHTML(w, b.String())
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

func esc(s string) string { return html.EscapeString(s) }

const style = `body{font:15px/1.4 system-ui,sans-serif;margin:2em;color:#222}` +
	`h1{color:#b00020;font-size:1.4em}h2{font-size:1.1em}` +
	`pre{background:#f6f6f6;padding:.5em;overflow:auto}` +
	`.source{background:#f6f6f6;border-collapse:collapse;font:13px monospace;width:100%}` +
	`.source td{padding:0 .5em;white-space:pre}.source .n{color:#888;text-align:right;width:3em}` +
	`.source tr.marked{background:#ffd6d6}.folded{color:#777}.header th{text-align:left;padding-right:1em}`

func head(b *strings.Builder, title string) {
	b.WriteString("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>" + esc(title) + "</title>\n<style>" + style + "</style></head>\n<body class=\"gowebob-dev\">\n")
}

func tail(b *strings.Builder, live string) {
	b.WriteString(live)
	b.WriteString("</body></html>\n")
}

// source writes lines as a table, the marked line highlighted and marked
// with "→".
func source(b *strings.Builder, lines []Line) {
	if len(lines) == 0 {
		return
	}
	b.WriteString("<table class=\"source\">\n")
	for _, l := range lines {
		mark, class := " ", ""
		if l.Marked {
			mark, class = "→", ` class="marked"`
		}
		b.WriteString("<tr" + class + "><td class=\"n\">" + strconv.Itoa(l.Number) + "</td><td>" + mark + " " + esc(l.Text) + "</td></tr>\n")
	}
	b.WriteString("</table>\n")
}

func writeHTML(w http.ResponseWriter, body string) {
	h := w.Header()
	h.Del("Content-Length")
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Cache-Control", "no-store")
	w.WriteHeader(http.StatusInternalServerError)
	w.Write([]byte(body))
}

func writeJSON(w http.ResponseWriter, v any) {
	body, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		body = []byte(`{"error":"devpage: ` + err.Error() + `"}`)
	}
	h := w.Header()
	h.Del("Content-Length")
	h.Set("Content-Type", "application/json")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Cache-Control", "no-store")
	w.WriteHeader(http.StatusInternalServerError)
	w.Write(append(body, '\n'))
}
