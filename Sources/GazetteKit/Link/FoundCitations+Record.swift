/// The found citations as a cache record (``RecordWriter``), read and written by hand: the record holds every
/// citation of the archive and is read by every build and written by each that changed a text, where the compact
/// `Codable` form took a second of a one-issue rebuild of 1,000 issues.
extension FoundCitations {
    static let recordHeader = "gazette found citations 3"
    /// The kinds of a part's steps, numbered in the record by their place here.
    private static let partKinds = PartID.Kind.allCases

    /// The record: the known codes, then each document's key and citations, in key order.
    var recordBytes: [UInt8] {
        var writer = RecordWriter(header: Self.recordHeader, capacity: byDocument.count * 200)
        writer.number(knownCodes.count)
        for code in knownCodes { writer.string(code) }
        writer.number(byDocument.count)
        for key in byDocument.keys.sortedByUTF8() {
            let citations = byDocument[key].unsafelyUnwrapped
            writer.string(key)
            writer.number(citations.count)
            for citation in citations { Self.write(citation, to: &writer) }
        }
        return writer.finished()
    }

    /// Reads a record; nil when it is of another format, damaged or cut short.
    init?(recordBytes bytes: [UInt8]) {
        guard var reader = RecordReader(bytes, header: Self.recordHeader) else { return nil }
        do {
            let codes = try (0..<reader.count()).map { _ in try reader.string() }
            var byDocument: [String: [Citation]] = [:]
            let documents = try reader.count()
            byDocument.reserveCapacity(documents)
            for _ in 0..<documents {
                let key = try reader.string()
                byDocument[key] = try (0..<reader.count()).map { _ in try Self.readCitation(from: &reader) }
            }
            guard reader.isAtEnd else { return nil }
            self.init(knownCodes: codes, byDocument: byDocument)
        } catch {
            return nil
        }
    }

    private static func write(_ citation: Citation, to writer: inout RecordWriter) {
        writer.optionalString(citation.title)
        writer.flag(citation.number != nil)
        if let number = citation.number {
            writer.string(number.code)
            writer.flag(number.year != nil)
            if let year = number.year { writer.number(year) }
            writer.number(number.serial)
        }
        // The part by its steps, not its fragment: reading thousands of fragments back took most of the record's
        // reading.
        writer.number(citation.part.steps.count)
        for step in citation.part.steps {
            writer.number(partKinds.firstIndex(of: step.kind).unsafelyUnwrapped)
            writer.flag(step.number != nil)
            if let number = step.number { writer.number(number) }
        }
        writer.number(citation.part.printing)
        writer.number(citation.range.lowerBound)
        writer.number(citation.range.count)
        writer.number(citation.line)
        writer.flag(citation.repeals)
        writer.optionalString(citation.target)
    }

    private static func readCitation(from reader: inout RecordReader) throws -> Citation {
        let title = try reader.optionalString()
        var number: DocumentNumber?
        if try reader.flag() {
            let code = try reader.string()
            let year = try reader.flag() ? try reader.number() : nil
            number = DocumentNumber(code: code, year: year, serial: try reader.number())
        }
        let stepCount = try reader.count()
        guard stepCount > 0 else { throw RecordReader.Damaged() }
        var steps: [PartID.Step] = []
        steps.reserveCapacity(stepCount)
        for _ in 0..<stepCount {
            let kind = try reader.number()
            guard partKinds.indices.contains(kind) else { throw RecordReader.Damaged() }
            steps.append(PartID.Step(partKinds[kind], try reader.flag() ? try reader.number() : nil))
        }
        let printing = try reader.number()
        guard printing >= 1 else { throw RecordReader.Damaged() }
        let part = PartID(steps, printing: printing)
        let start = try reader.number(), length = try reader.number()
        guard start >= 0, length >= 0, length <= Int.max - start else { throw RecordReader.Damaged() }
        let range = start..<(start + length)
        return Citation(title: title, number: number, part: part, range: range, line: try reader.number(),
                        repeals: try reader.flag(), target: try reader.optionalString())
    }
}
