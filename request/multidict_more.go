package request

// Pop removes the first pair for key and returns its value, as WebOb's
// MultiDict.pop; it reports false, changing nothing, when there is none.
func (m *MultiDict) Pop(key string) (string, bool) {
	for i, it := range m.Items() {
		if it.Key == key {
			m.items = append(m.items[:i:i], m.items[i+1:]...)
			return it.Value, true
		}
	}
	return "", false
}

// PopItem removes the last pair and returns it, as WebOb's popitem; it
// reports false for an empty MultiDict.
func (m *MultiDict) PopItem() (Item, bool) {
	n := m.Len()
	if n == 0 {
		return Item{}, false
	}
	it := m.items[n-1]
	m.items = m.items[: n-1 : n-1]
	return it, true
}

// SetDefault returns the first value for key, as WebOb's setdefault; when
// there is none it appends key with def and returns def.
func (m *MultiDict) SetDefault(key, def string) string {
	for _, it := range m.Items() {
		if it.Key == key {
			return it.Value
		}
	}
	m.Add(key, def)
	return def
}

// Update sets each pair of items in order as Set does (replacing every
// value of its key with it, at the end), as WebOb's update: when a key
// repeats in items, its last pair wins. (WebOb warns then; use Extend to
// keep every pair.)
func (m *MultiDict) Update(items ...Item) {
	for _, it := range items {
		m.Set(it.Key, it.Value)
	}
}

// Extend appends every pair of items, as WebOb's extend.
func (m *MultiDict) Extend(items ...Item) {
	m.items = append(m.items, items...)
}
