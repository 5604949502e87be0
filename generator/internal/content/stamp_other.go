//go:build !linux

package content

import "io/fs"

// stampOf gives no stamp where the change time is not known: nothing is
// remembered.
func stampOf(fs.FileInfo) (Stamp, bool) { return Stamp{}, false }
