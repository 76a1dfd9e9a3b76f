import Foundation

/// BERT uncased WordPiece, as the model's `tokenizer.json` defines it: special tokens matched in
/// the raw text, `BertNormalizer`, `BertPreTokenizer` (whitespace and punctuation), greedy
/// longest-match WordPiece with `##` continuations, `[CLS] … [SEP]`, truncation.
public struct WordPieceTokenizer: Sendable {
    /// Token ids of one text: `[CLS]`, at most `maximumLength - 2` word pieces, `[SEP]`.
    public typealias TokenIDs = [Int32]

    let vocabulary: [String: Int32]
    let normalizer: BertNormalizer
    /// Added tokens matched on the text before normalisation, longest first.
    let rawSpecialTokens: [(scalars: [Unicode.Scalar], id: Int32)]
    let specialTokenStarts: Set<Unicode.Scalar>
    let unknownID: Int32
    let classifierID: Int32
    let separatorID: Int32
    let continuationPrefix: String
    let maximumCharactersPerWord: Int
    /// The longest sequence the model sees, `[CLS]` and `[SEP]` included.
    public let maximumLength: Int

    init(definition: TokenizerDefinition, maximumLength: Int, file: URL) throws {
        vocabulary = definition.model.vocab
        normalizer = BertNormalizer(definition.normalizer)
        func id(_ token: String) throws -> Int32 {
            guard let id = definition.model.vocab[token] else {
                throw EmbeddingError(.unsupportedModel, "\(file.path): vocabulary has no \(token) token")
            }
            return id
        }
        unknownID = try id(definition.model.unkToken)
        classifierID = try id("[CLS]")
        separatorID = try id("[SEP]")
        continuationPrefix = definition.model.continuingSubwordPrefix ?? "##"
        maximumCharactersPerWord = definition.model.maxInputCharsPerWord ?? 100
        rawSpecialTokens = definition.addedTokens.filter { !$0.normalized && !$0.content.isEmpty }
            .map { (Array($0.content.unicodeScalars), $0.id) }
            .sorted { $0.scalars.count > $1.scalars.count }
        specialTokenStarts = Set(rawSpecialTokens.map { $0.scalars[0] })
        self.maximumLength = maximumLength
    }

    /// The token ids of `text`; never fails: unknown words become `[UNK]`, long texts are truncated.
    public func tokenize(_ text: String) -> TokenIDs {
        let budget = maximumLength - 2
        var ids: TokenIDs = [classifierID]
        ids.reserveCapacity(min(budget, text.utf8.count / 3 + 8) + 2)
        let scalars = Array(text.unicodeScalars)
        var segmentStart = 0
        var index = 0
        func flushSegment(upTo end: Int) {
            guard segmentStart < end, ids.count - 1 < budget else { return }
            let segment = String(String.UnicodeScalarView(scalars[segmentStart..<end]))
            appendWords(of: segment, to: &ids, budget: budget)
        }
        while index < scalars.count && ids.count - 1 < budget {
            if let special = specialToken(in: scalars, at: index) {
                flushSegment(upTo: index)
                if ids.count - 1 < budget { ids.append(special.id) }
                index += special.length
                segmentStart = index
            } else {
                index += 1
            }
        }
        flushSegment(upTo: scalars.count)
        ids.append(separatorID)
        return ids
    }

    private func specialToken(in scalars: [Unicode.Scalar], at index: Int) -> (id: Int32, length: Int)? {
        guard specialTokenStarts.contains(scalars[index]) else { return nil }
        for token in rawSpecialTokens where index + token.scalars.count <= scalars.count {
            if scalars[index..<(index + token.scalars.count)].elementsEqual(token.scalars) {
                return (token.id, token.scalars.count)
            }
        }
        return nil
    }

    /// Normalises `segment`, splits it into words at whitespace and punctuation, and appends
    /// each word's pieces until the budget is spent.
    private func appendWords(of segment: String, to ids: inout TokenIDs, budget: Int) {
        let normalized = normalizer.normalize(Substring(segment).unicodeScalars)
        var word: [Unicode.Scalar] = []
        func flushWord() {
            if !word.isEmpty { appendPieces(of: word, to: &ids, budget: budget) }
            word.removeAll(keepingCapacity: true)
        }
        for scalar in normalized {
            if ids.count - 1 >= budget { return }
            if BertNormalizer.isWhitespace(scalar) {
                flushWord()
            } else if Self.isPunctuation(scalar) {
                flushWord()
                appendPieces(of: [scalar], to: &ids, budget: budget)
            } else {
                word.append(scalar)
            }
        }
        flushWord()
    }

    /// Greedy longest-match-first WordPiece; a word with any unmatched part is one `[UNK]`.
    private func appendPieces(of word: [Unicode.Scalar], to ids: inout TokenIDs, budget: Int) {
        guard ids.count - 1 < budget else { return }
        guard word.count <= maximumCharactersPerWord else {
            ids.append(unknownID)
            return
        }
        var pieces: [Int32] = []
        var start = 0
        while start < word.count {
            var end = word.count
            var found: Int32?
            while start < end {
                var candidate = String(String.UnicodeScalarView(word[start..<end]))
                if start > 0 { candidate = continuationPrefix + candidate }
                if let id = vocabulary[candidate] {
                    found = id
                    break
                }
                end -= 1
            }
            guard let found else {
                ids.append(unknownID)
                return
            }
            pieces.append(found)
            start = end
        }
        ids.append(contentsOf: pieces.prefix(budget - (ids.count - 1)))
    }

    /// BERT's punctuation: every ASCII non-alphanumeric printable character and Unicode's P* categories.
    static func isPunctuation(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if (33...47).contains(value) || (58...64).contains(value) || (91...96).contains(value)
            || (123...126).contains(value)
        {
            return true
        }
        switch scalar.properties.generalCategory {
        case .connectorPunctuation, .dashPunctuation, .closePunctuation, .finalPunctuation, .initialPunctuation,
            .otherPunctuation, .openPunctuation:
            return true
        default:
            return false
        }
    }
}
