/// A list of entries under section headers, as the lobby and the friends screen draw it: one line
/// per header or entry, scrolled so the selected entry stays in view. Shared by drawing and mouse
/// hit-testing, so a click lands on the entry that is drawn there.
struct SectionedList<Section: Equatable> {
    enum Line: Equatable {
        case header(Section)
        case entry(Int)
    }

    let lines: [Line]
    /// The first line shown.
    let first: Int

    /// `sections[i]` is entry i's section; a header is drawn wherever the section changes.
    init(sections: [Section], selection: Int, visibleLines: Int) {
        var lines: [Line] = []
        var last: Section?
        for (index, section) in sections.enumerated() {
            if section != last {
                lines.append(.header(section))
                last = section
            }
            lines.append(.entry(index))
        }
        let visible = max(1, visibleLines)
        let selected = lines.firstIndex(of: .entry(selection)) ?? 0
        self.lines = lines
        first = selected < visible ? 0 : selected - visible + 1
    }

    /// The lines that fit in `inner` (the list's box inside its border), with their rows.
    func visible(in inner: Rect) -> [(y: Int, line: Line)] {
        lines.dropFirst(first).prefix(inner.height).enumerated().map { (inner.y + $0.offset, $0.element) }
    }

    /// The entry drawn at `point`, if `point` is on one inside `inner`.
    func entry(at point: Point, in inner: Rect) -> Int? {
        guard inner.contains(point) else { return nil }
        let index = first + point.y - inner.y
        guard lines.indices.contains(index), case .entry(let entry) = lines[index] else { return nil }
        return entry
    }
}
