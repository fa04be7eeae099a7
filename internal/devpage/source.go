package devpage

import "strings"

// SourceContext is how many lines Source shows before and after the line
// it marks.
const SourceContext = 3

// Line is one line of source.
type Line struct {
	Number int    `json:"number"`
	Text   string `json:"text"`
	Marked bool   `json:"marked,omitempty"` // the line the error or the frame is at
}

// Source returns the lines of src around line (1-based), line itself
// marked, or nil when src has no such line.
func Source(src []byte, line int) []Line {
	if line < 1 {
		return nil
	}
	lines := strings.Split(strings.ReplaceAll(string(src), "\r\n", "\n"), "\n")
	if len(lines) > 0 && lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	if line > len(lines) {
		return nil
	}
	first, last := max(1, line-SourceContext), min(len(lines), line+SourceContext)
	out := make([]Line, 0, last-first+1)
	for n := first; n <= last; n++ {
		out = append(out, Line{Number: n, Text: lines[n-1], Marked: n == line})
	}
	return out
}
