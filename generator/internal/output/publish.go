package output

import (
	"os"
	"path/filepath"
	"strings"
)

// tempPrefix starts the names of the directories a build writes into
// before swapping them in.
const tempPrefix = ".portal-tmp-"

// Publish writes files to dest atomically through a Stage: everything is
// written into a new directory beside dest, made durable, then exchanged
// with dest in one rename (Linux renameat2 RENAME_EXCHANGE; elsewhere two
// renames), and finally the old tree is removed. At every moment dest is
// either the complete previous site or the complete new one.
func Publish(dest string, files *Files) error {
	st, err := Begin(dest, State{})
	if err != nil {
		return err
	}
	for _, p := range files.Paths() {
		data, _ := files.Get(p)
		if err := st.Add(p, data); err != nil {
			st.Abort()
			return err
		}
	}
	_, err = st.Commit()
	return err
}

// staleTrees lists the temporary trees left by interrupted builds of dest.
func staleTrees(parent, base string) []string {
	entries, err := os.ReadDir(parent)
	if err != nil {
		return nil
	}
	var out []string
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), tempPrefix+base+"-") {
			out = append(out, filepath.Join(parent, e.Name()))
		}
	}
	return out
}

// syncEach fsyncs each file, then each directory.
func syncEach(files, dirs []string) error {
	for _, name := range files {
		f, err := os.OpenFile(name, os.O_WRONLY, 0)
		if err != nil {
			return err
		}
		err = f.Sync()
		f.Close()
		if err != nil {
			return err
		}
	}
	for _, d := range dirs {
		syncDir(d)
	}
	return nil
}

func syncDir(dir string) {
	if f, err := os.Open(dir); err == nil {
		f.Sync()
		f.Close()
	}
}
