import DictionaryImport

package import DictStore
/// Every operation the service registers, with its parameters, limits and response shapes; rendered by
/// `OpenAPIDocument`. Keep in step with the route files (the OpenAPI test fails otherwise).
package enum APICatalog {
    static let errorResponse: JSONValue = OpenAPIDocument.reference("ErrorEnvelope")

    /// Shared component schemas.
    package static let schemas: [String: JSONValue] = [
        "Entry": [
            "type": "object",
            "description": "A dictionary entry (the `refs` column is exposed as `references`; timestamps are ISO-8601 UTC with Z).",
            "required": ["id", "term", "normalized_term", "lang", "type", "created_at", "updated_at", "version"],
            "properties": [
                "id": ["type": "string", "format": "uuid"], "term": ["type": "string"], "normalized_term": ["type": "string"],
                "lang": ["type": "string", "enum": languageEnum], "source_lang": ["type": ["string", "null"]],
                "lang_confidence": ["type": "number", "minimum": 0, "maximum": 1],
                "type": ["type": "string", "enum": typeEnum],
                "definition": ["type": "object"], "references": ["type": "object"], "metadata": ["type": "object"],
                "quality_score": ["type": "object", "properties": ["overall": ["type": "number", "minimum": 0, "maximum": 100]]],
                "ai_metadata": ["type": "object"],
                "created_at": ["type": "string", "format": "date-time"], "updated_at": ["type": "string", "format": "date-time"],
                "version": ["type": "integer", "minimum": 1],
            ],
        ],
        "RelatedTerm": [
            "type": "object",
            "properties": [
                "entry": entry, "relationship_type": ["type": "string"], "confidence_score": ["type": "number"],
            ],
        ],
    ]

    /// All operations.
    package static var operations: [APIOperation] {
        operationalOperations + termOperations + searchOperations + batchOperations + reportOperations + pageOperations
    }

    static let entry = OpenAPIDocument.reference("Entry")
    static let languageEnum: JSONValue = ["en", "es", "fr", "de", "zh-CN", "zh-TW"]
    static let typeEnum: JSONValue = [
        "tempo", "dynamics", "articulation", "form", "genre", "instrument", "technique", "theory", "composer", "period",
        "notation", "general",
    ]
    static let language: JSONValue = ["type": "string", "enum": languageEnum]
    static func integer(_ range: ClosedRange<Int>, default value: Int? = nil) -> JSONValue {
        var schema: [String: JSONValue] = ["type": "integer", "minimum": .number(Double(range.lowerBound)), "maximum": .number(Double(range.upperBound))]
        if let value { schema["default"] = .number(Double(value)) }
        return .object(schema)
    }
    static let boolean: JSONValue = ["type": "boolean"]
    /// A text input: `maxLength` counts characters as JSON Schema does; the byte cap (`TextLimit`, 4 UTF-8 bytes per
    /// allowed character) has no JSON Schema keyword, so it is stated in `description` and in `x-maxUtf8Bytes`.
    static func string(maxLength: Int, minLength: Int = 0) -> JSONValue {
        let maxBytes = maxLength * TextLimit.bytesPerCharacter
        return [
            "type": "string", "minLength": .number(Double(minLength)), "maxLength": .number(Double(maxLength)),
            "x-maxUtf8Bytes": .number(Double(maxBytes)),
            "description": .string("\(minLength)-\(maxLength) characters and at most \(maxBytes) UTF-8 bytes (after trimming whitespace)."),
        ]
    }
    static let lookupData: JSONValue = OpenAPIDocument.success([
        "type": "object",
        "properties": ["entry": entry, "related_terms": ["type": "array", "items": OpenAPIDocument.reference("RelatedTerm")], "cache_hit": boolean],
    ])
    static let badRequest = (status: 400, description: "Invalid parameter or body (VALIDATION_ERROR).", schema: Optional(errorResponse))
    static let notFound = (status: 404, description: "Not found (NOT_FOUND).", schema: Optional(errorResponse))

    static let termOperations: [APIOperation] = [
        APIOperation(
            "GET", "/api/v1/terms/{term}", tag: "terms", summary: "Exact lookup of a term.",
            description: "Normalized (then accent-folded) equality in `lang`; with searchAllLanguages=true any language, `lang` first. 404 carries data.suggestions (up to 5 terms starting with the query). Rate limit 120/min.",
            parameters: [
                .init("term", in: .path, "The term (1-200 characters, percent-encoded).", schema: string(maxLength: 200, minLength: 1)),
                .init("lang", "Language (default en).", schema: language),
                .init("searchAllLanguages", "true: look in every language.", schema: boolean),
            ],
            responses: [(200, "Found.", lookupData), badRequest,
                        (404, "Not found; data = {term, normalized_term, suggestions}.", errorResponse)]),
        APIOperation(
            "GET", "/api/v1/terms/id/{id}", tag: "terms", summary: "An entry by its UUID.",
            parameters: [.init("id", in: .path, "Entry UUID.", schema: ["type": "string", "format": "uuid"])],
            responses: [(200, "Found.", lookupData), badRequest, notFound]),
        APIOperation(
            "GET", "/api/v1/terms/{term}/languages", tag: "terms", summary: "The term in each language that has it.",
            parameters: [
                .init("term", in: .path, "The term.", schema: string(maxLength: 200, minLength: 1)),
                .init("languages", "Comma-separated language codes (default: all six).", schema: ["type": "string"]),
            ],
            responses: [
                (200, "Map from language code to entry (absent languages omitted).", OpenAPIDocument.success([
                    "type": "object",
                    "properties": ["term": ["type": "string"], "normalized_term": ["type": "string"],
                                   "languages": ["type": "object", "additionalProperties": entry]],
                ])),
                badRequest,
            ]),
        APIOperation(
            "POST", "/api/v1/terms/{term}/feedback", tag: "terms", summary: "Feedback on an entry (the path segment is the entry UUID).",
            description: "A rating of 2 or less also queues the entry for enhancement. Rate limit 10/min.",
            parameters: [.init("term", in: .path, "Entry UUID.", schema: ["type": "string", "format": "uuid"])],
            requestBody: [
                "type": "object",
                "properties": [
                    "rating": integer(1...5), "helpful": boolean, "feedback_text": string(maxLength: 1000),
                    "feedback_type": ["type": "string", "enum": ["accuracy", "clarity", "completeness", "other"]],
                ],
            ],
            responses: [
                (200, "Stored.", OpenAPIDocument.success(["type": "object", "properties": ["feedback_id": ["type": "string", "format": "uuid"]]])),
                badRequest, notFound, (413, "Body too large.", errorResponse), (415, "Not application/json.", errorResponse),
            ]),
    ]

    static let searchOperations: [APIOperation] = [
        APIOperation(
            "GET", "/api/v1/search", tag: "search", summary: "Search entries (lexical by default; exact, prefix, semantic, hybrid).",
            description: "Without searchAllLanguages or a languages filter, only `lang` (default en) is searched. Flat filters (languages, types, min_quality, max_quality) are also accepted as filters[...]. Rate limit 100/min.",
            parameters: [
                .init("q", "Query, 0-200 characters and at most 800 UTF-8 bytes. May be empty (or absent) only in modes lexical and hybrid, where it browses with the filters; exact, prefix and semantic answer 400 VALIDATION_ERROR for an empty query (or one that normalizes to nothing, such as only punctuation).", schema: string(maxLength: 200)),
                .init("mode", "exact, prefix, lexical (default), semantic or hybrid.", schema: ["type": "string", "enum": ["exact", "prefix", "lexical", "semantic", "hybrid"]]),
                .init("lang", "Interface language (default en); present but empty is a 400.", schema: language),
                .init("searchAllLanguages", "true: every language, `lang` first.", schema: boolean),
                .init("query_lang", "The language q is written in, when it differs from the results' languages (lang, languages, searchAllLanguages): query in query_lang, results in lang. With the multilingual-e5-small model a description in one language finds terms in another, and the semantic leg runs even when the dictionary holds no text in query_lang; with all-MiniLM-L6-v2 a non-English query_lang only adds a note. Unknown codes are a 400.", schema: language),
                .init("preferredLangs", "Comma-separated languages to rank first.", schema: ["type": "string"]),
                .init("includeTranslations", "Accepted for compatibility; no effect.", schema: boolean),
                .init("languages", "Comma-separated language filter.", schema: ["type": "string"]),
                .init("types", "Comma-separated term types (alias: type).", schema: ["type": "string"]),
                .init("type", "Alias of types.", schema: ["type": "string"]),
                .init("min_quality", "Minimum overall score 0-100.", schema: ["type": "number", "minimum": 0, "maximum": 100]),
                .init("max_quality", "Maximum overall score 0-100.", schema: ["type": "number", "minimum": 0, "maximum": 100]),
                .init("sort_by", "relevance (default), alphabetical, quality or popularity.", schema: ["type": "string", "enum": ["relevance", "alphabetical", "quality", "popularity"]]),
                .init("limit", "Page size.", schema: integer(1...100, default: 20)),
                .init("offset", "Rows to skip.", schema: integer(0...10_000, default: 0)),
                .init("semantic_ratio", "Hybrid: meaning against words, 0 (words only) to 1 (meaning only); default 0.5, the blend the hybrid ranker was trained at.", schema: ["type": "number", "minimum": 0, "maximum": 1]),
                .init("min_score", "Semantic and hybrid: drop hits whose calibrated probability of being the word described is below this, 0-1 (default 0.002). Typed-term matches (exact, prefix, typo) are kept.", schema: ["type": "number", "minimum": 0, "maximum": 1]),
                .init("explain", "true: results[i].explanation (and the legacy hits[i].explanation) gives the matched sense, the ranker's score and probability and every feature's value and contribution.", schema: boolean),
                .init("highlight", "true: results[i].highlight = {term, definition}, HTML-escaped with the query's words in <mark>…</mark> (case- and accent-insensitive, the last word also as a prefix; CJK words anywhere); definition is the first definition text with a match (else the summary) cut to 160 characters around its first match, … where cut. A hit found only by meaning has no marks.", schema: boolean),
                .init("facets", "Comma-separated facets among lang and type: data.facets = {facet: {value: count}} over every match, not just the page (lexical: all matches up to 10,000; hybrid and semantic: every ranked hit above min_score, the set total counts). Unknown names, or mode exact or prefix, are a 400.", schema: ["type": "string"]),
            ],
            responses: [
                (200, "A page of results: each is the entry with its score (tier, similarity, lexical_rank, semantic_rank, explanation when the mode produced them, highlight when asked), the objects `dict search --format json` prints; hits[i] is the legacy copy of results[i]'s score; facets only when asked.", OpenAPIDocument.success([
                    "type": "object",
                    "properties": [
                        "results": ["type": "array", "items": entry], "total": ["type": "integer"], "mode": ["type": "string"],
                        "query": ["type": "object"], "hits": ["type": "array"], "cached": boolean, "notes": ["type": "array"],
                        "suggestions": ["type": "array", "items": ["type": "string"]],
                        "facets": ["type": "object", "additionalProperties": ["type": "object", "additionalProperties": ["type": "integer"]]],
                    ],
                ])),
                badRequest, (503, "Semantic or hybrid search without a model (SERVICE_UNAVAILABLE).", errorResponse),
            ]),
        APIOperation(
            "GET", "/api/v1/search/suggestions", tag: "search", summary: "Autocomplete: terms starting with q.",
            parameters: [
                .init("q", required: true, "Prefix, 1-50 characters.", schema: string(maxLength: 50, minLength: 1)),
                .init("limit", "Suggestions.", schema: integer(1...20, default: 10)),
                .init("lang", "Restrict to one language (default: all).", schema: language),
            ],
            responses: [
                (200, "Suggestions.", OpenAPIDocument.success([
                    "type": "object",
                    "properties": ["query": ["type": "string"], "suggestions": ["type": "array", "items": [
                        "type": "object", "properties": ["term": ["type": "string"], "type": ["type": "string"], "lang": ["type": "string"], "score": ["type": "number"]],
                    ]]],
                ])),
                badRequest,
            ]),
        APIOperation(
            "POST", "/api/v1/search/semantic", tag: "search", summary: "Semantic search: cosine similarity of the embedded query to entry vectors.",
            description: "Rate limit 50/min. 503 when no embedding model or vector index is installed.",
            requestBody: [
                "type": "object", "required": ["query"],
                "properties": [
                    "query": string(maxLength: 500, minLength: 3), "limit": integer(1...50, default: 10),
                    "threshold": ["type": "number", "minimum": 0, "maximum": 1], "similarity_threshold": ["type": "number", "minimum": 0, "maximum": 1],
                    "languages": ["type": "array", "items": language], "types": ["type": "array", "items": ["type": "string", "enum": typeEnum]],
                    "query_lang": language,
                    "min_quality": ["type": "number", "minimum": 0, "maximum": 100],
                ],
            ],
            responses: [
                (200, "Matches at or above the threshold.", OpenAPIDocument.success([
                    "type": "object",
                    "properties": ["query": ["type": "string"], "total": ["type": "integer"], "threshold": ["type": "number"],
                                   "results": ["type": "array", "items": ["type": "object", "properties": ["entry": entry, "similarity": ["type": "number"]]]]],
                ])),
                badRequest, (413, "Body too large.", errorResponse), (415, "Not application/json.", errorResponse),
                (503, "No model or index (SERVICE_UNAVAILABLE).", errorResponse),
            ]),
        APIOperation(
            "GET", "/api/v1/search/popular", tag: "search", summary: "Most searched terms.",
            parameters: [.init("limit", "Terms.", schema: integer(1...50, default: 20)), .init("days", "Period.", schema: integer(1...90, default: 30))],
            responses: [
                (200, "popular and terms are string lists; searches holds the counts.", OpenAPIDocument.success([
                    "type": "object",
                    "properties": [
                        "popular": ["type": "array", "items": ["type": "string"]], "terms": ["type": "array", "items": ["type": "string"]],
                        "searches": ["type": "array", "items": ["type": "object", "properties": [
                            "term": ["type": "string"], "search_count": ["type": "integer"], "found_count": ["type": "integer"], "last_searched": ["type": "string"],
                        ]]],
                        "period_days": ["type": "integer"], "generated_at": ["type": "string"],
                    ],
                ])),
                badRequest,
            ]),
        APIOperation(
            "GET", "/api/v1/search/related", tag: "search", summary: "Related terms of a term.",
            parameters: [
                .init("term", required: true, "The term, 1-200 characters.", schema: string(maxLength: 200, minLength: 1)),
                .init("limit", "Related terms.", schema: integer(1...20, default: 10)),
                .init("lang", "Language (default en, falling back to any).", schema: language),
            ],
            responses: [
                (200, "related and terms are string lists; related_terms the relation objects.", OpenAPIDocument.success([
                    "type": "object",
                    "properties": ["term": ["type": "string"], "related": ["type": "array", "items": ["type": "string"]],
                                   "terms": ["type": "array", "items": ["type": "string"]],
                                   "related_terms": ["type": "array", "items": OpenAPIDocument.reference("RelatedTerm")]],
                ])),
                badRequest, notFound,
            ]),
    ]

    static let batchOperations: [APIOperation] = [
        APIOperation(
            "POST", "/api/v1/batch/query", tag: "batch", summary: "Look up many terms at once.",
            description: "Answers both the web client's shape (found, not_found, processing) and the original's (results, summary). Rate limit 30/min.",
            requestBody: [
                "type": "object", "required": ["terms"],
                "properties": [
                    "terms": ["type": "array", "minItems": 1, "maxItems": 50, "items": string(maxLength: 200, minLength: 1)],
                    "lang": language, "include_related": boolean, "generate_missing": ["type": "boolean", "description": "Accepted; no effect."],
                ],
            ],
            responses: [
                (200, "Lookup results.", OpenAPIDocument.success([
                    "type": "object",
                    "properties": [
                        "found": ["type": "array", "items": entry], "not_found": ["type": "array", "items": ["type": "string"]],
                        "processing": ["type": "array", "items": ["type": "string"]], "results": ["type": "object"],
                        "summary": ["type": "object", "properties": [
                            "total_requested": ["type": "integer"], "found": ["type": "integer"], "not_found": ["type": "integer"], "generated": ["type": "integer"],
                        ]],
                    ],
                ])),
                badRequest, (413, "Body too large.", errorResponse), (415, "Not application/json.", errorResponse),
            ]),
    ]

    static let reportOperations: [APIOperation] = [
        APIOperation(
            "GET", "/api/v1/analytics/summary", tag: "analytics", summary: "Dictionary and search analytics at a glance.",
            parameters: [.init("days", "Search period in days.", schema: integer(1...365, default: 30))],
            responses: [
                (200, "Summary.", OpenAPIDocument.success([
                    "type": "object",
                    "properties": [
                        "total_terms": ["type": "integer"], "avg_quality_score": ["type": "number"],
                        "quality_distribution": ["type": "object"], "type_distribution": ["type": "object"],
                        "language_distribution": ["type": "object"], "recent_additions": ["type": "array"],
                        "low_quality_terms": ["type": "array"], "search_statistics": ["type": "object"],
                        "popular_searches": ["type": "array"], "zero_result_searches": ["type": "array"],
                        "latency_by_mode": ["type": "array"], "last_updated": ["type": ["string", "null"]], "generated_at": ["type": "string"],
                    ],
                ])),
                badRequest,
            ]),
        APIOperation(
            "GET", "/api/v1/export", tag: "export", summary: "Export entries as JSON, JSON Lines, CSV or a SQLite file (streamed).",
            description: "Entries ordered by quality, best first. Recorded in export_history. Rate limit 10/min.",
            parameters: [
                .init("format", "json (default), jsonl (one entry per line, the shape `dict import entries` reads), csv (the import's columns) or sqlite.", schema: ["type": "string", "enum": ["json", "jsonl", "csv", "sqlite"]]),
                .init("languages", "Comma-separated languages (alias: lang).", schema: ["type": "string"]),
                .init("lang", "Alias of languages.", schema: ["type": "string"]),
                .init("types", "Comma-separated term types (alias: type).", schema: ["type": "string"]),
                .init("type", "Alias of types.", schema: ["type": "string"]),
                .init("min_quality", "Minimum overall score.", schema: ["type": "number", "minimum": 0, "maximum": 100]),
                .init("limit", "At most this many entries (default: all).", schema: integer(1...10_000)),
            ],
            responses: [
                (200, "The export file: JSON {format, exported_at, data: [Entry], count}, CSV with a header row (RFC 4180), or a SQLite database file.",
                 ["type": "object", "properties": ["format": ["type": "string"], "count": ["type": "integer"], "data": ["type": "array", "items": entry]]]),
                badRequest,
            ],
            alternativeSuccessContent: [
                ExportRoutes.contentType(.jsonl): ["type": "string", "description": "JSON Lines, one entry per line (format=jsonl)."],
                ExportRoutes.contentType(.csv): ["type": "string", "description": "CSV with a header row (format=csv)."],
                ExportRoutes.contentType(.sqlite): ["type": "string", "format": "binary", "description": "A SQLite 3 database file (format=sqlite)."],
            ]),
    ]

    static let operationalOperations: [APIOperation] = [
        APIOperation(
            "GET", "/livez", tag: "operations", summary: "Liveness: the process answers.",
            responses: [(200, "Alive.", ["type": "object", "properties": ["status": ["const": "ok"], "timestamp": ["type": "string"]]])]),
        APIOperation(
            "GET", "/readyz", tag: "operations", summary: "Readiness: the dictionary database answers a query.",
            responses: [
                (200, "Ready.", ["type": "object", "properties": ["status": ["const": "ready"], "timestamp": ["type": "string"]]]),
                (503, "Database unreachable.", ["type": "object", "properties": ["status": ["const": "not ready"], "error": ["type": "string"]]]),
            ]),
        APIOperation(
            "GET", "/health", tag: "operations", summary: "Health: database, row counts and migration state.",
            responses: [
                (200, "Healthy.", ["type": "object", "properties": ["status": ["const": "healthy"], "checks": ["type": "object"]]]),
                (503, "Degraded.", ["type": "object", "properties": ["status": ["const": "degraded"], "checks": ["type": "object"]]]),
            ]),
        APIOperation(
            "GET", "/metrics", tag: "operations", summary: "Prometheus metrics (text exposition format).",
            description: "Request counts and latency by route template, searches by mode, index size, queue depths, tokens today.",
            responses: [(200, "Metrics text.", ["type": "string"])], successContentType: "text/plain; version=0.0.4"),
        APIOperation(
            "GET", "/docs/openapi.json", tag: "operations", summary: "This OpenAPI 3.1 document.",
            responses: [(200, "The document.", ["type": "object"])]),
    ]

    /// The search page and its two assets (`SearchPageRoutes`); HTML, JavaScript and CSS, not JSON.
    static let pageOperations: [APIOperation] = [
        APIOperation(
            "GET", "/", tag: "page", summary: "The search page.",
            description: "Without JavaScript the form submits here: q renders hybrid results (all languages, 20) on the server, id one entry with its related terms. A bad parameter is shown on the page with status 400. Sent with a strict Content-Security-Policy (scripts and styles only from this origin).",
            parameters: [
                .init("q", "Query, 0-200 characters.", schema: string(maxLength: 200)),
                .init("mode", "Search mode (default hybrid).", schema: ["type": "string", "enum": ["exact", "prefix", "lexical", "semantic", "hybrid"]]),
                .init("id", "Entry UUID: show this entry instead of results.", schema: ["type": "string", "format": "uuid"]),
            ],
            responses: [(200, "The page.", ["type": "string"]), (400, "The page (HTML), with the parameter problem shown.", nil),
                        (404, "The page (HTML), saying the entry does not exist.", nil)],
            successContentType: "text/html; charset=utf-8"),
        APIOperation(
            "GET", "/app.js", tag: "page", summary: "The search page's script.",
            responses: [(200, "JavaScript.", ["type": "string"])], successContentType: "text/javascript; charset=utf-8"),
        APIOperation(
            "GET", "/app.css", tag: "page", summary: "The search page's style sheet.",
            responses: [(200, "CSS.", ["type": "string"])], successContentType: "text/css; charset=utf-8"),
    ]
}
