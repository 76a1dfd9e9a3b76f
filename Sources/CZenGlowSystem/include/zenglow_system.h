#ifndef ZENGLOW_SYSTEM_H
#define ZENGLOW_SYSTEM_H

/// rename(2) that refuses to replace an existing target (renameat2 with RENAME_NOREPLACE), which
/// Swift's Glibc module does not export. Returns 0, or -1 with errno (EEXIST when the target exists,
/// EINVAL when the file system cannot rename that way).
int zenglow_rename_noreplace(const char *from, const char *to);

#endif
