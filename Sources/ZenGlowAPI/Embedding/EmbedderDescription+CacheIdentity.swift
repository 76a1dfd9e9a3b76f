extension EmbedderDescription {
    /// What makes this embedder's vectors what they are — provider, model, width, and the local
    /// weights' digest or the remote endpoint — so the response cache never serves an answer
    /// computed with another embedder's query vector.
    var cacheIdentity: String {
        [provider, model, String(dimensions), weightsSHA256 ?? endpoint ?? ""].joined(separator: "|")
    }
}
