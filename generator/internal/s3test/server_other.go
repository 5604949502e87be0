//go:build !linux

package s3test

import "syscall"

// serverAttr: only Linux can tie the test server's life to the test
// process; elsewhere TestMain stops it.
func serverAttr() *syscall.SysProcAttr { return nil }
