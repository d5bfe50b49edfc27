import DictServer
import DictionaryCore
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("Search page")
struct SearchPageRouteTests {
    @Test func pageIsServedWithAStrictContentSecurityPolicy() async throws {
        let harness = try TestHarness(seeded: true)
        try await harness.withClient { client in
            try await client.execute(uri: "/", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "text/html; charset=utf-8")
                let policy = try #require(response.headers[.contentSecurityPolicy])
                #expect(policy.contains("default-src 'none'"))
                #expect(policy.contains("script-src 'self'"))
                #expect(policy.contains("style-src 'self'"))
                #expect(!policy.contains("unsafe"))
                #expect(response.headers[.xContentTypeOptions] == "nosniff")
                let page = text(response)
                #expect(page.contains(#"<form id="search-form" action="/" method="get""#))
                #expect(page.contains(#"<script src="/app.js" defer></script>"#))
                #expect(page.contains(#"<link rel="stylesheet" href="/app.css">"#))
                // Nothing inline that the policy would block: every script has a src, no style blocks or attributes.
                #expect(page.components(separatedBy: "<script").count == 2)
                #expect(!page.contains("<style") && !page.contains(" style="))
                #expect(!page.contains("http://") && !page.contains("https://"), "no external resources")
                #expect(page.contains(#"<option value="hybrid" selected>"#))
            }
        }
    }

    @Test func scriptAndStyleAreServedWithTheirTypes() async throws {
        let harness = try TestHarness()
        try await harness.withClient { client in
            try await client.execute(uri: "/app.js", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "text/javascript; charset=utf-8")
                #expect(response.headers[.contentSecurityPolicy] != nil)
                let script = text(response)
                for path in ["/api/v1/search/suggestions", "/api/v1/search?", "/api/v1/terms/id/", "/api/v1/analytics/summary"] {
                    #expect(script.contains(path), "app.js calls \(path)")
                }
                #expect(!script.contains("innerHTML"), "text is never parsed as HTML")
            }
            try await client.execute(uri: "/app.css", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "text/css; charset=utf-8")
                #expect(text(response).contains("#results"))
            }
        }
    }

    @Test func withoutJavaScriptTheFormRendersHybridResultsOnTheServer() async throws {
        let harness = try TestHarness(seeded: true, semantic: true)
        let crescendo = try harness.entry("crescendo")
        try await harness.withClient { client in
            try await client.execute(uri: "/?q=gradually%20getting%20louder", method: .get) { response in
                #expect(response.status == .ok)
                let page = text(response)
                #expect(page.contains(#"<a class="term" href="/?id=\#(crescendo.id)">crescendo</a>"#))
                #expect(page.contains(#"value="gradually getting louder""#))
                #expect(page.contains("(hybrid)"))
                #expect(!page.contains(">allegro</a>"), "only what the query found")
            }
            try await client.execute(uri: "/?q=crescendo&mode=lexical", method: .get) { response in
                let page = text(response)
                #expect(page.contains(">crescendo</a>") && page.contains(">decrescendo</a>"))
                #expect(page.contains("(lexical)"))
                #expect(page.contains(#"<option value="lexical" selected>"#))
            }
        }
    }

    @Test func withoutAModelTheFormSaysSoInsteadOfFailing() async throws {
        let harness = try TestHarness(seeded: true)
        try await harness.withClient { client in
            try await client.execute(uri: "/?q=gradually%20getting%20louder", method: .get) { response in
                #expect(response.status == .ok)
                let page = text(response)
                #expect(page.contains(">crescendo</a>"), "hybrid falls back to lexical")
                #expect(page.contains("lexical results only"))
            }
            try await client.execute(uri: "/?q=loud&mode=semantic", method: .get) { response in
                #expect(response.status == .ok)
                #expect(text(response).contains(#"<ol id="results"></ol>"#))
            }
        }
    }

    @Test func anEntryIsRenderedByIDWithItsRelatedTerms() async throws {
        let harness = try TestHarness(seeded: true)
        let allegro = try harness.entry("allegro")
        let allegretto = try harness.entry("allegretto")
        try await harness.withClient { client in
            try await client.execute(uri: "/?id=\(allegro.id)", method: .get) { response in
                #expect(response.status == .ok)
                let page = text(response)
                #expect(page.contains(#"<h2 class="entry-term">allegro</h2>"#))
                #expect(page.contains(#"<p class="concise">Fast, quick and bright.</p>"#))
                #expect(page.contains(#"<a href="/?id=\#(allegretto.id)">allegretto</a> <small>see_also</small>"#))
                #expect(page.contains("<b>Synonyms:</b> fast"))
            }
            try await client.execute(uri: "/?id=\(UUID().uuidString)", method: .get) { response in
                #expect(response.status == .notFound)
                #expect(text(response).contains("Entry not found"))
                #expect(response.headers[.contentType] == "text/html; charset=utf-8")
            }
            try await client.execute(uri: "/?id=not-a-uuid", method: .get) { response in
                #expect(response.status == .badRequest)
                #expect(text(response).contains("must be a UUID"))
            }
        }
    }

    @Test func queryTextAndBadParametersAreEscapedIntoThePage() async throws {
        let harness = try TestHarness(seeded: true)
        try await harness.withClient { client in
            try await client.execute(uri: "/?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E%22", method: .get) { response in
                #expect(response.status == .ok)
                let page = text(response)
                #expect(!page.contains("<script>alert"))
                #expect(page.contains(#"value="&lt;script&gt;alert(1)&lt;/script&gt;&quot;""#))
            }
            try await client.execute(uri: "/?q=a&mode=%3Cb%3E", method: .get) { response in
                #expect(response.status == .badRequest)
                let page = text(response)
                #expect(page.contains(#"<span class="error">"#) && page.contains("&lt;b&gt;") && !page.contains("<b>'"))
            }
        }
    }
}
