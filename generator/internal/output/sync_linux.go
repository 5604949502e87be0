package output

import (
	"io/fs"
	"os"
	"syscall"

	"golang.org/x/sys/unix"
)

// fsyncMax is the most files and directories syncTree makes durable one
// by one; above it one syncfs is cheaper.
const fsyncMax = 512

// syncTree makes the files and directories of the tree at dir that a
// build wrote durable: an fsync each when they are few (a rebuild), else
// one syncfs(2) for the whole file system, far cheaper than thousands of
// fsyncs but waiting for every other dirty page of the file system too.
func syncTree(dir string, files, dirs []string) error {
	if len(files)+len(dirs) <= fsyncMax {
		return syncEach(files, dirs)
	}
	f, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer f.Close()
	return unix.Syncfs(int(f.Fd()))
}

// inode returns the inode number of a file.
func inode(fi fs.FileInfo) uint64 {
	if st, ok := fi.Sys().(*syscall.Stat_t); ok {
		return st.Ino
	}
	return 0
}
