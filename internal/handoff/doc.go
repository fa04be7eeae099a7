// Package handoff moves accepted HTTP/1 connections between processes.
// gowebob serve hands a client's connection, with the bytes it has already
// read from it, to the page program that answers the request, which then
// answers the connection's next requests itself; when one of them is for
// something else, the program hands the connection back. The file
// descriptor travels over a unix SEQPACKET socket pair (SCM_RIGHTS), one
// message per connection, so that a page program serves its connections at
// the speed of an in-process handler instead of behind a proxy hop.
//
// The package knows nothing of what the messages say (that is pageproto):
// it sends and receives a payload with an optional connection (Send,
// Recv), wraps a received connection so that the bytes read before come
// first (Conn), takes a hijacked connection apart again (Detach), writes a
// parsed request back as bytes (AppendHead), and merges handed-over
// connections into a listener (Listener).
package handoff
