package devpage

import (
	"strconv"
	"strings"
)

// CompileError is one error of the compiler's output, at a file of the
// docroot (slash-separated, relative to it).
type CompileError struct {
	File    string `json:"file"`
	Line    int    `json:"line"`
	Col     int    `json:"col,omitempty"`
	Message string `json:"message"`
	Source  []Line `json:"source,omitempty"`
}

// Location returns "file:line:col" (without col when it is unknown).
func (e CompileError) Location() string {
	loc := e.File + ":" + strconv.Itoa(e.Line)
	if e.Col > 0 {
		loc += ":" + strconv.Itoa(e.Col)
	}
	return loc
}

// BuildFailure is a page that does not compile.
type BuildFailure struct {
	Page   string         `json:"page"`   // the page's file, relative to the docroot
	Errors []CompileError `json:"errors"` // the errors at a file:line
	Output string         `json:"output"` // the whole output, for what is at no file:line
}

// NewBuildFailure parses the go command's output for page (its paths
// already relative to the docroot, as gowebob serve maps them) into its
// errors, each with the source around it read by read (a docroot-relative
// path; nil, or an error, leaves the source out). A line
// "file:line[:col]: message" is an error; an indented line after it goes
// on with its message.
func NewBuildFailure(page, output string, read func(file string) ([]byte, error)) *BuildFailure {
	f := &BuildFailure{Page: page, Errors: []CompileError{}, Output: output}
	for _, line := range strings.Split(output, "\n") {
		if strings.HasPrefix(line, "\t") && len(f.Errors) > 0 {
			e := &f.Errors[len(f.Errors)-1]
			e.Message += "\n" + strings.TrimSpace(line)
			continue
		}
		if e, ok := parseError(line); ok {
			f.Errors = append(f.Errors, e)
		}
	}
	if read != nil {
		for i := range f.Errors {
			e := &f.Errors[i]
			if src, err := read(e.File); err == nil {
				e.Source = Source(src, e.Line)
			}
		}
	}
	return f
}

// parseError parses "file:line[:col]: message"; file becomes clean of a
// leading "./".
func parseError(line string) (CompileError, bool) {
	file, rest, ok := strings.Cut(line, ":")
	if !ok || file == "" || strings.ContainsAny(file, " \t") {
		return CompileError{}, false
	}
	num, rest, ok := strings.Cut(rest, ":")
	n, err := strconv.Atoi(num)
	if !ok || err != nil || n < 1 {
		return CompileError{}, false
	}
	e := CompileError{File: strings.TrimPrefix(file, "./"), Line: n}
	if col, after, ok := strings.Cut(rest, ":"); ok {
		if c, err := strconv.Atoi(col); err == nil && c > 0 {
			e.Col, rest = c, after
		}
	}
	e.Message = strings.TrimSpace(rest)
	if e.Message == "" {
		return CompileError{}, false
	}
	return e, true
}
