import Foundation

/// Splits Markdown documents into chunks of whole paragraphs, about `targetWords` words each,
/// never across a heading; code blocks and tables stay inside one chunk.
public struct MarkdownChunker: Sendable {
    public var targetWords: Int

    public init(targetWords: Int = 120) {
        self.targetWords = targetWords
    }

    /// A document's title (its first `# ` heading, else `fallbackTitle`) and its chunks' text.
    public func chunks(of markdown: String, fallbackTitle: String) -> (title: String, chunks: [String]) {
        var title = fallbackTitle
        var chunks: [String] = []
        var current: [String] = []
        var words = 0
        var inCode = false
        var paragraph: [String] = []

        func flushParagraph() {
            guard !paragraph.isEmpty else { return }
            let text = paragraph.joined(separator: "\n")
            paragraph = []
            current.append(text)
            words += text.split(whereSeparator: \.isWhitespace).count
            if words >= targetWords { flushChunk() }
        }
        func flushChunk() {
            let text = current.joined(separator: "\n\n").trimmingCharacters(in: .whitespacesAndNewlines)
            if !text.isEmpty { chunks.append(text) }
            current = []
            words = 0
        }

        for line in markdown.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            if line.hasPrefix("```") { inCode.toggle() }
            if !inCode && line.hasPrefix("#") {
                flushParagraph()
                flushChunk()
                if line.hasPrefix("# ") && title == fallbackTitle {
                    title = String(line.dropFirst(2)).trimmingCharacters(in: .whitespaces)
                }
                paragraph.append(line)
                continue
            }
            if !inCode && line.trimmingCharacters(in: .whitespaces).isEmpty {
                flushParagraph()
            } else {
                paragraph.append(line)
            }
        }
        flushParagraph()
        flushChunk()
        return (title, chunks)
    }
}
