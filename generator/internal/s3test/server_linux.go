package s3test

import "syscall"

// serverAttr makes the test server die with the test process, even one
// killed or stopped by a panic before TestMain could stop it.
func serverAttr() *syscall.SysProcAttr {
	return &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
}
