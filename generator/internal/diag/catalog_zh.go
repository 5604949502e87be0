package diag

// zh maps each English message format of the code to its Chinese: the
// same verbs for the same arguments, in the order Chinese reads (an
// explicit index, %[2]s, when it differs from the English).
var zh = map[string]string{}
