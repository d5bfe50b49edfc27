import DictionaryCore
import DictionarySearch

/// The HTML of `GET /`. The server renders the form, and (for a page loaded without JavaScript, or before the script
/// runs) the results of `q` or the entry of `id`; `/app.js` then draws into the same elements. Every text from the
/// database or the query goes through `escape`.
enum SearchPage {
    /// What one page shows.
    struct Content {
        var query = ""
        var mode = SearchMode.hybrid
        var response: SearchResponse?
        var entry: EntryView?
        var notes: [String] = []
        var error: String?
    }

    /// An entry with its related terms.
    struct EntryView {
        let entry: DictionaryEntry
        let related: [RelatedTerm]
    }

    /// The modes the picker offers, hybrid (the page's default) first.
    static let modes: [SearchMode] = [.hybrid, .lexical, .semantic, .prefix, .exact]

    static func render(_ content: Content) -> String {
        let options = modes.map { mode in
            "<option value=\"\(mode.rawValue)\"\(mode == content.mode ? " selected" : "")>\(mode.rawValue)</option>"
        }.joined()
        return """
            <!doctype html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(content.query.isEmpty ? "" : "\(escape(content.query)) · ")dict</title>
            <link rel="icon" href="data:,">
            <link rel="stylesheet" href="/app.css">
            <script src="/app.js" defer></script>
            </head>
            <body>
            <header class="bar">
            <a class="brand" href="/">dict</a>
            <nav id="views" hidden><a href="#/" data-view="search">Search</a><a href="#/analytics" data-view="analytics">Analytics</a></nav>
            </header>
            <main>
            <section id="search-view">
            <form id="search-form" action="/" method="get" role="search">
            <div class="box">
            <input id="q" name="q" type="search" value="\(escape(content.query))" maxlength="\(SearchRoutes.maximumQueryLength)" placeholder="A term, or describe it: gradually getting louder" autocomplete="off" aria-label="Search" aria-autocomplete="list" aria-controls="suggestions">
            <ul id="suggestions" role="listbox" hidden></ul>
            </div>
            <select id="mode" name="mode" aria-label="Mode">\(options)</select>
            <button type="submit">Search</button>
            </form>
            <div id="chips" hidden><div class="chips" id="lang-chips"></div><div class="chips" id="type-chips"></div></div>
            <p id="status" role="status">\(status(content))</p>
            <ol id="results">\(content.response.map(results) ?? "")</ol>
            <article id="entry"\(content.entry == nil ? " hidden" : "")>\(content.entry.map(entry) ?? "")</article>
            </section>
            <section id="analytics-view" hidden></section>
            </main>
            </body>
            </html>

            """
    }

    /// The line above the results: an error, the notes, or the count.
    static func status(_ content: Content) -> String {
        if let error = content.error { return "<span class=\"error\">\(escape(error))</span>" }
        var parts = content.notes
        if let response = content.response {
            parts.insert("\(response.total) result\(response.total == 1 ? "" : "s") (\(response.mode.rawValue))", at: 0)
            parts += response.notes
            if response.total == 0, !response.suggestions.isEmpty {
                parts.append("Did you mean: \(response.suggestions.joined(separator: ", "))?")
            }
        }
        return parts.map(escape).joined(separator: " · ")
    }

    static func results(_ response: SearchResponse) -> String {
        response.results.map { hit in
            let entry = hit.entry
            return """
                <li class="result" data-id="\(escape(entry.id))" data-lang="\(entry.lang.rawValue)" data-type="\(entry.type.rawValue)">\
                <a class="term" href="/?id=\(escape(entry.id))">\(escape(entry.term))</a> \
                <span class="badge">\(entry.lang.rawValue)</span> <span class="badge">\(entry.type.rawValue)</span>\
                <p class="def">\(escape(entry.definition.concise ?? ""))</p></li>
                """
        }.joined()
    }

    static func entry(_ view: EntryView) -> String {
        let entry = view.entry
        let definition = entry.definition
        var html = "<h2 class=\"entry-term\">\(escape(entry.term))</h2>"
        let ipa = definition.pronunciation?.ipa.map { " · \(escape($0))" } ?? ""
        html += "<p class=\"meta\">\(entry.lang.rawValue) · \(entry.type.rawValue)\(ipa)</p>"
        for (label, text) in [("concise", definition.concise), ("detailed", definition.detailed),
                              ("usage", definition.usageExample), ("etymology", definition.etymology)] {
            if let text, !text.isEmpty { html += "<p class=\"\(label)\">\(escape(text))</p>" }
        }
        if let senses = definition.senses, !senses.isEmpty {
            html += "<h3>Senses</h3><ol class=\"senses\">" + senses.map { sense in
                let examples = sense.examples.map { " <q>\(escape($0))</q>" }.joined()
                return "<li><em>\(escape(sense.pos))</em> \(escape(sense.gloss))\(examples)</li>"
            }.joined() + "</ol>"
        }
        for (label, words) in [("Synonyms", entry.metadata.synonyms), ("Antonyms", entry.metadata.antonyms)] {
            if let words, !words.isEmpty { html += "<p class=\"words\"><b>\(label):</b> \(words.map(escape).joined(separator: ", "))</p>" }
        }
        if !view.related.isEmpty {
            html += "<h3>Related terms</h3><ul class=\"related\">" + view.related.map { related in
                "<li><a href=\"/?id=\(escape(related.entry.id))\">\(escape(related.entry.term))</a> <small>\(escape(related.relationshipType))</small></li>"
            }.joined() + "</ul>"
        }
        return html
    }

    /// Text for an HTML element or a double-quoted attribute (the highlighter's escaping: one list of references).
    static func escape(_ text: String) -> String {
        HighlightedText.escapeHTML(text)
    }
}
