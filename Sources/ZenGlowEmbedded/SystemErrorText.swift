#if canImport(Glibc)
    import Glibc
#endif

/// The C library's text for an `errno` value.
func systemErrorText(_ code: Int32) -> String {
    strerror(code).flatMap { String(validatingCString: $0) } ?? "errno \(code)"
}
