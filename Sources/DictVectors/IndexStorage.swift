import Foundation

/// The mutable state behind one `EmbeddingIndex`: a contiguous row-major `n × d` matrix of unit vectors and
/// parallel per-row arrays (row id, interned entry ordinal, lang/type codes, overall score). Not thread-safe by
/// itself: `EmbeddingIndex` reads it under the shared lock and mutates it under the exclusive lock.
/// Deletes move the last row into the hole, so the matrix stays dense (row order is not meaningful; ties are
/// broken by row id, never by position).
/// The columns the load and the scans touch per row are `@exclusivity(unchecked)`: that lock already serializes
/// every access, and the runtime's dynamic exclusivity checks on them were a tenth of a 1M-row load.
package final class IndexStorage {
    /// Vector length.
    package let dimension: Int
    /// Rows in use.
    @exclusivity(unchecked) package private(set) var count = 0
    /// Rows allocated.
    package private(set) var capacity = 0
    /// The `count × dimension` matrix (row-major, rows L2-normalized).
    package private(set) var matrix: UnsafeMutablePointer<Float>

    @exclusivity(unchecked) package private(set) var rowIDs: [Int64] = []
    @exclusivity(unchecked) package private(set) var entryOrdinals: [Int32] = []
    @exclusivity(unchecked) package private(set) var langCodes: [UInt32] = []
    @exclusivity(unchecked) package private(set) var typeCodes: [UInt32] = []
    @exclusivity(unchecked) package private(set) var overallScores: [Float] = []
    /// Per-row priors (`RowPrior`), kept as two parallel columns for the scan loop.
    @exclusivity(unchecked) package private(set) var priorBiases: [Float] = []
    @exclusivity(unchecked) package private(set) var priorGroups: [UInt8] = []

    /// Interned strings: entry ids (by ordinal, see `entryID(_:)`), languages and types.
    @exclusivity(unchecked) private var ordinalOfEntry = EntryIDTable(expected: 0)
    package private(set) var languages: [String] = []
    private var codeOfLanguage: [String: UInt32] = [:]
    package private(set) var types: [String] = []
    private var codeOfType: [String: UInt32] = [:]

    /// Rows per language / type code, to estimate a filter's selectivity without scanning.
    @exclusivity(unchecked) package private(set) var rowsPerLanguage: [Int] = []
    @exclusivity(unchecked) package private(set) var rowsPerType: [Int] = []
    /// Rows per entry ordinal; entries owning several rows force de-duplication in top-k.
    @exclusivity(unchecked) private var rowsPerEntry: [Int32] = []
    @exclusivity(unchecked) package private(set) var entriesWithSeveralRows = 0
    /// Each entry's rows as a chain through the positions (`firstRowOfEntry[ordinal]`, then `nextRowOfEntry[position]`;
    /// -1 ends it), so the rows of a few entries are found without a pass over every row (hybrid's lexical matches,
    /// the blended search's other list: a pass was 4–5 ms on WordNet's 205k rows). An entry has at most a few dozen rows.
    @exclusivity(unchecked) private var firstRowOfEntry: [Int32] = []
    @exclusivity(unchecked) private var nextRowOfEntry: [Int32] = []

    /// Row id → position in the matrix, once built. A load into an empty index appends rows in ascending row-id
    /// order and leaves it unbuilt (filling it was a tenth of a 1M-row load): positions are then found by binary
    /// search over `rowIDs`, and the first upsert or removal builds it.
    private var positionOfRow: [Int64: Int] = [:]
    private var positionsBuilt = true

    /// Threads one large scan may use (`EmbeddingIndex.scanThreads`).
    package var scanThreads = max(1, ProcessInfo.processInfo.activeProcessorCount)

    /// Optional int8 copy for the quantized scan, kept in step with the matrix.
    @exclusivity(unchecked) package private(set) var quantized: QuantizedMatrix?

    package init(dimension: Int, reservingRows rows: Int = 0) {
        self.dimension = dimension
        capacity = max(rows, 1)
        matrix = Self.allocateMatrix(floats: capacity * dimension)
        reserve(rows)
    }

    deinit { UnsafeMutableRawPointer(matrix).deallocate() }

    /// Reserves the per-row arrays and the matrix for `rows` rows in total.
    package func reserve(_ rows: Int) {
        if rows > capacity { growMatrix(to: rows) }
        rowIDs.reserveCapacity(rows)
        entryOrdinals.reserveCapacity(rows)
        langCodes.reserveCapacity(rows)
        typeCodes.reserveCapacity(rows)
        overallScores.reserveCapacity(rows)
        priorBiases.reserveCapacity(rows)
        priorGroups.reserveCapacity(rows)
        nextRowOfEntry.reserveCapacity(rows)
        if positionsBuilt { positionOfRow.reserveCapacity(rows) }
    }

    /// Reserves room for `entries` interned entry ids in total (the bulk load interns every entry up front).
    package func reserveEntries(_ entries: Int) {
        ordinalOfEntry.reserve(entries)
        rowsPerEntry.reserveCapacity(entries)
        firstRowOfEntry.reserveCapacity(entries)
    }

    /// The entry ordinal of `entryID`, if the index has ever held it.
    package func ordinal(ofEntry entryID: String) -> Int32? { ordinalOfEntry.ordinal(of: entryID) }
    /// `ordinal(ofEntry:)` for an id given as UTF-8 bytes (the loader's rows, straight from the store's buffers).
    /// `guess` is tried first (see `EntryIDTable.ordinal(of:guess:)`): pass the previous row's ordinal.
    package func ordinal(ofEntryBytes entryID: UnsafeBufferPointer<UInt8>, guess: Int32 = -1) -> Int32? {
        ordinalOfEntry.ordinal(of: UnsafeRawBufferPointer(entryID), guess: guess)
    }
    /// The code of a language, if any row uses it.
    package func code(ofLanguage lang: String) -> UInt32? { codeOfLanguage[lang] }
    /// The code of a type, if any row uses it.
    package func code(ofType type: String) -> UInt32? { codeOfType[type] }
    /// Position of a row id in the matrix.
    package func position(ofRow rowID: Int64) -> Int? {
        if positionsBuilt { return positionOfRow[rowID] }
        return rowIDs.withUnsafeBufferPointer { ids in
            var low = 0
            var high = ids.count
            while low < high {
                let middle = (low + high) / 2
                if ids[middle] < rowID { low = middle + 1 } else { high = middle }
            }
            return low < ids.count && ids[low] == rowID ? low : nil
        }
    }
    /// Number of distinct entries with at least one row.
    package var entryCount: Int { ordinalOfEntry.count - rowsPerEntry.lazy.filter { $0 == 0 }.count }

    /// Pointer to row `position`.
    @inline(__always)
    package func row(_ position: Int) -> UnsafeMutablePointer<Float> { matrix + position * dimension }

    /// The attributes stored for row `position`.
    package func attributes(at position: Int) -> EntryAttributes {
        EntryAttributes(lang: languages[Int(langCodes[position])], type: types[Int(typeCodes[position])],
                        overallScore: overallScores[position])
    }

    /// Appends a row whose `dimension` floats are already written at `row(count)` (the loader's path: it copies
    /// BLOBs straight into the matrix). The caller has reserved capacity and normalized the row.
    package func commitAppendedRow(rowID: Int64, entryID: String, attributes: EntryAttributes) throws {
        guard position(ofRow: rowID) == nil else { throw VectorError.duplicateRowID(rowID) }
        try commitAppendedRow(rowID: rowID, entry: intern(entry: entryID), codes: codes(of: attributes))
    }

    /// `commitAppendedRow(rowID:entryID:attributes:)` for an entry already interned (`intern(entry:)`) and its
    /// attributes already coded (`codes(of:)`): the bulk loader does both once per entry, not once per row.
    package func commitAppendedRow(rowID: Int64, entry: Int32, codes: EntryCodes) throws {
        let position = count
        if position == 0 || (!positionsBuilt && rowID > rowIDs[position - 1]) {
            // Ascending appends into an index that started empty: no duplicate is possible, no table entry needed.
            positionsBuilt = false
        } else {
            buildPositions()
            guard positionOfRow[rowID] == nil else { throw VectorError.duplicateRowID(rowID) }
            positionOfRow[rowID] = position
        }
        rowIDs.append(rowID)
        entryOrdinals.append(entry)
        nextRowOfEntry.append(-1)
        addRow(toEntry: entry)
        link(position, to: entry)
        let (lang, type) = (codes.language, codes.type)
        langCodes.append(lang)
        typeCodes.append(type)
        rowsPerLanguage[Int(lang)] += 1
        rowsPerType[Int(type)] += 1
        overallScores.append(codes.overallScore)
        priorBiases.append(0)
        priorGroups.append(0)
        count += 1
        quantized?.setRow(position, from: row(position), dimension: dimension)
    }

    /// The matrix slot where the next appended row must be written, growing the buffer if needed.
    package func slotForNextRow() -> UnsafeMutablePointer<Float> {
        if count == capacity { growMatrix(to: max(capacity + capacity / 2, 16)) }
        return row(count)
    }

    /// Inserts or replaces a row with an already normalized vector. O(d) (amortized for appends).
    package func upsert(rowID: Int64, entryID: String, unitVector: [Float], attributes: EntryAttributes) throws {
        buildPositions()
        if let position = positionOfRow[rowID] {
            let entry = intern(entry: entryID)
            if entryOrdinals[position] != entry {
                removeRow(fromEntry: entryOrdinals[position])
                unlink(position, from: entryOrdinals[position])
                entryOrdinals[position] = entry
                addRow(toEntry: entry)
                link(position, to: entry)
            }
            unitVector.withUnsafeBufferPointer { row(position).update(from: $0.baseAddress!, count: dimension) }
            setAttributes(attributes, at: position)
            quantized?.setRow(position, from: row(position), dimension: dimension)
        } else {
            let slot = slotForNextRow()
            unitVector.withUnsafeBufferPointer { slot.update(from: $0.baseAddress!, count: dimension) }
            try commitAppendedRow(rowID: rowID, entryID: entryID, attributes: attributes)
        }
    }

    /// Removes a row, moving the last row into its place. O(d). Returns false if the row was absent.
    @discardableResult
    package func remove(rowID: Int64) -> Bool {
        buildPositions()
        guard let position = positionOfRow.removeValue(forKey: rowID) else { return false }
        removeRow(fromEntry: entryOrdinals[position])
        unlink(position, from: entryOrdinals[position])
        rowsPerLanguage[Int(langCodes[position])] -= 1
        rowsPerType[Int(typeCodes[position])] -= 1
        let last = count - 1
        if position != last {
            relink(from: last, to: position, of: entryOrdinals[last])
            row(position).update(from: row(last), count: dimension)
            rowIDs[position] = rowIDs[last]
            entryOrdinals[position] = entryOrdinals[last]
            langCodes[position] = langCodes[last]
            typeCodes[position] = typeCodes[last]
            overallScores[position] = overallScores[last]
            priorBiases[position] = priorBiases[last]
            priorGroups[position] = priorGroups[last]
            positionOfRow[rowIDs[position]] = position
            quantized?.moveRow(from: last, to: position)
        }
        rowIDs.removeLast()
        entryOrdinals.removeLast()
        nextRowOfEntry.removeLast()
        langCodes.removeLast()
        typeCodes.removeLast()
        overallScores.removeLast()
        priorBiases.removeLast()
        priorGroups.removeLast()
        count -= 1
        return true
    }

    /// Positions of every row owned by the given entries, ascending. O(r log r) for their r rows.
    package func positions(ofEntries ordinals: Set<Int32>) -> [Int] {
        var positions: [Int] = []
        for ordinal in ordinals where Int(ordinal) < firstRowOfEntry.count {
            var position = firstRowOfEntry[Int(ordinal)]
            while position >= 0 {
                positions.append(Int(position))
                position = nextRowOfEntry[Int(position)]
            }
        }
        return positions.sorted()
    }

    /// Replaces the filter columns of every listed row position.
    package func setAttributes(_ attributes: EntryAttributes, at position: Int) {
        rowsPerLanguage[Int(langCodes[position])] -= 1
        rowsPerType[Int(typeCodes[position])] -= 1
        let lang = intern(language: attributes.lang)
        let type = intern(type: attributes.type)
        langCodes[position] = lang
        typeCodes[position] = type
        rowsPerLanguage[Int(lang)] += 1
        rowsPerType[Int(type)] += 1
        overallScores[position] = attributes.overallScore
    }

    /// Sets the prior of row `position` (a non-finite bias counts as 0).
    package func setPrior(_ prior: RowPrior, at position: Int) {
        priorBiases[position] = prior.bias.isFinite ? prior.bias : 0
        priorGroups[position] = prior.group
    }

    /// The prior stored for row `position`.
    package func prior(at position: Int) -> RowPrior {
        RowPrior(bias: priorBiases[position], group: priorGroups[position])
    }

    /// Builds (or rebuilds) the int8 copy of the matrix.
    package func buildQuantized() {
        let copy = QuantizedMatrix(dimension: dimension, capacity: capacity)
        for position in 0..<count { copy.setRow(position, from: row(position), dimension: dimension) }
        quantized = copy
    }

    /// Bytes held by the matrix, the per-row arrays and the quantized copy (excluding dictionary overhead).
    package var residentBytes: Int {
        capacity * dimension * 4 + count * (8 + 4 + 4 + 4 + 4 + 4 + 1) + (quantized?.residentBytes ?? 0)
    }

    // MARK: - Private

    /// Cache-line-aligned, so rows whose byte length is a multiple of 32 take the loader's streaming stores.
    private static func allocateMatrix(floats: Int) -> UnsafeMutablePointer<Float> {
        UnsafeMutableRawPointer.allocate(byteCount: 4 * floats, alignment: 64).bindMemory(to: Float.self, capacity: floats)
    }

    private func growMatrix(to rows: Int) {
        let grown = Self.allocateMatrix(floats: rows * dimension)
        grown.moveInitialize(from: matrix, count: count * dimension)
        UnsafeMutableRawPointer(matrix).deallocate()
        matrix = grown
        capacity = rows
        quantized?.grow(to: rows, keeping: count)
    }

    /// An entry's attributes with its language and type interned.
    package func codes(of attributes: EntryAttributes) -> EntryCodes {
        EntryCodes(language: intern(language: attributes.lang), type: intern(type: attributes.type), overallScore: attributes.overallScore)
    }

    /// The ordinal of `entry`, assigned on first sight.
    package func intern(entry: String) -> Int32 {
        let ordinal = ordinalOfEntry.intern(entry)
        if Int(ordinal) == rowsPerEntry.count { addEntrySlot() }
        return ordinal
    }

    /// `intern(entry:)` for an id given as UTF-8 bytes (no `String` is built).
    package func intern(entryBytes entry: UnsafeBufferPointer<UInt8>) -> Int32 {
        let ordinal = ordinalOfEntry.intern(UnsafeRawBufferPointer(entry))
        if Int(ordinal) == rowsPerEntry.count { addEntrySlot() }
        return ordinal
    }

    /// The id of the entry interned as `ordinal`.
    package func entryID(_ ordinal: Int32) -> String { ordinalOfEntry.key(ofOrdinal: ordinal) }

    /// Whether `entryID` is the entry interned as `ordinal`.
    package func entry(_ ordinal: Int32, is entryID: String) -> Bool {
        ordinalOfEntry.key(ofOrdinal: ordinal, equals: entryID)
    }

    private func intern(language: String) -> UInt32 {
        if let code = codeOfLanguage[language] { return code }
        let code = UInt32(languages.count)
        languages.append(language)
        codeOfLanguage[language] = code
        rowsPerLanguage.append(0)
        return code
    }

    private func intern(type: String) -> UInt32 {
        if let code = codeOfType[type] { return code }
        let code = UInt32(types.count)
        types.append(type)
        codeOfType[type] = code
        rowsPerType.append(0)
        return code
    }

    /// Fills `positionOfRow` after ascending appends left it unbuilt. O(n) once.
    private func buildPositions() {
        guard !positionsBuilt else { return }
        positionOfRow.reserveCapacity(max(count, rowIDs.capacity))
        for (position, rowID) in rowIDs.enumerated() { positionOfRow[rowID] = position }
        positionsBuilt = true
    }

    /// The per-entry slots of a newly interned entry: no rows, an empty chain.
    private func addEntrySlot() {
        rowsPerEntry.append(0)
        firstRowOfEntry.append(-1)
    }

    /// Puts row `position` at the head of `entry`'s chain.
    private func link(_ position: Int, to entry: Int32) {
        nextRowOfEntry[position] = firstRowOfEntry[Int(entry)]
        firstRowOfEntry[Int(entry)] = Int32(position)
    }

    /// Takes row `position` out of `entry`'s chain.
    private func unlink(_ position: Int, from entry: Int32) {
        replace(Int32(position), with: nextRowOfEntry[position], inChainOf: entry)
        nextRowOfEntry[position] = -1
    }

    /// Row `last` moves to `position` (a removal's swap): `entry`'s chain points to the new place.
    private func relink(from last: Int, to position: Int, of entry: Int32) {
        replace(Int32(last), with: Int32(position), inChainOf: entry)
        nextRowOfEntry[position] = nextRowOfEntry[last]
    }

    /// Makes the link in `entry`'s chain that points to `old` point to `new` instead.
    private func replace(_ old: Int32, with new: Int32, inChainOf entry: Int32) {
        if firstRowOfEntry[Int(entry)] == old {
            firstRowOfEntry[Int(entry)] = new
            return
        }
        var current = firstRowOfEntry[Int(entry)]
        while current >= 0 {
            if nextRowOfEntry[Int(current)] == old {
                nextRowOfEntry[Int(current)] = new
                return
            }
            current = nextRowOfEntry[Int(current)]
        }
    }

    private func addRow(toEntry entry: Int32) {
        rowsPerEntry[Int(entry)] += 1
        if rowsPerEntry[Int(entry)] == 2 { entriesWithSeveralRows += 1 }
    }

    private func removeRow(fromEntry entry: Int32) {
        if rowsPerEntry[Int(entry)] == 2 { entriesWithSeveralRows -= 1 }
        rowsPerEntry[Int(entry)] -= 1
    }
}
