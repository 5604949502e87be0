package content

import (
	"io/fs"
	"syscall"
)

// stampOf returns the stamp of a file from its information.
func stampOf(info fs.FileInfo) (Stamp, bool) {
	st, ok := info.Sys().(*syscall.Stat_t)
	if !ok {
		return Stamp{}, false
	}
	return Stamp{
		Size:  st.Size,
		Inode: st.Ino,
		Mtime: st.Mtim.Nano(),
		Ctime: st.Ctim.Nano(),
	}, true
}
