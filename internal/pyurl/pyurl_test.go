package pyurl

import "testing"

// TestJoin compares Join with Python 3.11's urljoin; the expectations were
// printed by /usr/bin/python3.
func TestJoin(t *testing.T) {
	tests := []struct{ base, ref, want string }{
		{"http://h/a/b", "c", "http://h/a/c"},
		{"http://h/a/b", "../c", "http://h/c"},
		{"http://h/a/b/", "./", "http://h/a/b/"},
		{"http://h/a/b", "?q=1", "http://h/a/b?q=1"},
		{"http://h/a/b", "", "http://h/a/b"},
		{"http://h/a/b", "//x/y", "http://x/y"},
		{"http://h/./a", "?q", "http://h/./a?q"},
		{"http://h/a//b/", "c", "http://h/a/b/c"},
		{"http://h/a;p/b;q", "c;r?x#f", "http://h/a;p/c;r?x#f"},
		{"http://h:abc/a", "b", "http://h:abc/b"},
		{"http://h/a", "mailto:x", "mailto:x"},
		{"http://h/a", "../../../x", "http://h/x"},
	}
	for _, tt := range tests {
		if got := Join(tt.base, tt.ref); got != tt.want {
			t.Errorf("Join(%q, %q) = %q, want %q", tt.base, tt.ref, got, tt.want)
		}
	}
}

func TestHasScheme(t *testing.T) {
	for s, want := range map[string]bool{"http://x": true, "svn+ssh:x": true, "1http:x": false, "/a:b": false, ":x": false, "a b:c": false} {
		if got := HasScheme(s); got != want {
			t.Errorf("HasScheme(%q) = %v, want %v", s, got, want)
		}
	}
}
