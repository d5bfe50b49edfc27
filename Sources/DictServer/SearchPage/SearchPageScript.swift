/// `GET /app.js`: the search page's script. Plain ES2017, no build step; it builds every node with `h` (text is
/// never parsed as HTML) and sets sizes through the CSSOM, which the page's CSP allows where inline style is not.
///
/// Views are hash routes so the server-rendered form keeps working: `#/` search, `#/entry/{id}`, `#/analytics`.
/// A search replaces the URL's query (`?q=…&mode=…`), so a reload or a shared link gives the same results.
enum SearchPageScript {
    static let source = #"""
        "use strict";
        (function () {
          const $ = (id) => document.getElementById(id);
          const SVG = "http://www.w3.org/2000/svg";
          const state = { q: "", mode: "hybrid", langs: new Set(), types: new Set(), facets: null, seq: 0 };

          function h(tag, attrs, ...children) {
            const node = document.createElement(tag);
            for (const [key, value] of Object.entries(attrs || {})) {
              if (value === false || value == null) continue;
              if (key.startsWith("on")) node.addEventListener(key.slice(2), value); else node.setAttribute(key, value === true ? "" : value);
            }
            for (const child of children.flat()) if (child != null && child !== false) node.append(child instanceof Node ? child : String(child));
            return node;
          }
          function s(tag, attrs, ...children) {
            const node = document.createElementNS(SVG, tag);
            for (const [key, value] of Object.entries(attrs || {})) node.setAttribute(key, value);
            for (const child of children.flat()) if (child != null) node.append(child instanceof Node ? child : String(child));
            return node;
          }
          async function api(path) {
            const response = await fetch(path, { headers: { Accept: "application/json" } });
            const body = await response.json().catch(() => null);
            if (!response.ok || !body || body.success === false) throw new Error((body && body.error) || ("HTTP " + response.status));
            return body.data;
          }
          function setStatus(text, isError) {
            $("status").replaceChildren(isError ? h("span", { class: "error" }, text) : text);
          }

          // Suggestions as you type: terms starting with the text, picked with the mouse or the arrow keys.
          let suggestTimer = 0, suggestSeq = 0;
          // Hiding also drops a pending or in-flight request, so a list cannot reappear after the search was submitted.
          function hideSuggestions() { clearTimeout(suggestTimer); suggestSeq++; $("suggestions").hidden = true; $("suggestions").replaceChildren(); }
          function pick(term) { $("q").value = term; hideSuggestions(); runSearch(true); }
          function onInput() {
            clearTimeout(suggestTimer);
            const text = $("q").value.trim();
            if (!text || text.length > 50) { hideSuggestions(); return; }
            suggestTimer = setTimeout(async () => {
              const mine = ++suggestSeq;
              try {
                const data = await api("/api/v1/search/suggestions?limit=8&q=" + encodeURIComponent(text));
                if (mine !== suggestSeq) return;
                const items = data.suggestions.map((item, i) => h("li", { role: "option", id: "suggestion-" + i, "data-term": item.term,
                  onmousedown: (event) => { event.preventDefault(); pick(item.term); } }, item.term, h("small", {}, item.type + " · " + item.lang)));
                $("suggestions").replaceChildren(...items);
                $("suggestions").hidden = items.length === 0;
              } catch (error) { hideSuggestions(); }
            }, 120);
          }
          function onKey(event) {
            const list = $("suggestions");
            const items = Array.from(list.children);
            if (list.hidden || !items.length) return;
            let index = items.findIndex((item) => item.getAttribute("aria-selected") === "true");
            if (event.key === "ArrowDown" || event.key === "ArrowUp") {
              event.preventDefault();
              index = event.key === "ArrowDown" ? (index + 1) % items.length : (index <= 0 ? items.length - 1 : index - 1);
              items.forEach((item, i) => item.setAttribute("aria-selected", String(i === index)));
            } else if (event.key === "Enter" && index >= 0) {
              event.preventDefault(); pick(items[index].dataset.term);
            } else if (event.key === "Escape") { hideSuggestions(); }
          }

          // Search: hybrid by default, every language; chips narrow by language and type (server-side filters).
          async function runSearch(fresh) {
            hideSuggestions();
            state.q = $("q").value.trim();
            state.mode = $("mode").value;
            if (fresh) { state.langs.clear(); state.types.clear(); state.facets = null; }
            const url = new URL(location.href);
            url.search = state.q ? "?q=" + encodeURIComponent(state.q) + "&mode=" + state.mode : "";
            url.hash = "";
            history.replaceState(null, "", url);
            show("search");
            $("entry").hidden = true;
            if (!state.q && state.mode !== "lexical" && state.mode !== "hybrid") { $("results").replaceChildren(); setStatus(""); return; }
            const params = new URLSearchParams({ q: state.q, mode: state.mode, limit: "50", explain: "true", highlight: "true" });
            // Chip counts over every match, not just the 50 shown (exact and prefix have no facets).
            if (!state.facets && state.mode !== "exact" && state.mode !== "prefix") params.set("facets", "lang,type");
            if (state.langs.size) params.set("languages", Array.from(state.langs).join(",")); else params.set("searchAllLanguages", "true");
            if (state.types.size) params.set("types", Array.from(state.types).join(","));
            const mine = ++state.seq;
            setStatus("Searching…");
            try {
              const data = await api("/api/v1/search?" + params);
              if (mine !== state.seq) return;
              if (!state.facets) state.facets = data.facets ? facetMaps(data.facets) : facetsOf(data.results);
              renderChips();
              renderResults(data);
            } catch (error) {
              if (mine === state.seq) { $("results").replaceChildren(); setStatus(error.message, true); }
            }
          }
          function facetMaps(facets) {
            return { lang: new Map(Object.entries(facets.lang || {})), type: new Map(Object.entries(facets.type || {})) };
          }
          // A highlight string (HTML-escaped text with <mark> runs) as text nodes and <mark> elements, never parsed as HTML.
          function marked(html, fallback) {
            if (typeof html !== "string") return fallback;
            const entities = { "&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": '"', "&#39;": "'" };
            const decode = (text) => text.replace(/&(amp|lt|gt|quot|#39);/g, (entity) => entities[entity]);
            return html.split(/(<mark>[^<]*<\/mark>)/).filter((part) => part).map((part) =>
              part.startsWith("<mark>") ? h("mark", {}, decode(part.slice(6, -7))) : decode(part));
          }
          function facetsOf(results) {
            const count = (key) => results.reduce((map, entry) => map.set(entry[key], (map.get(entry[key]) || 0) + 1), new Map());
            return { lang: count("lang"), type: count("type") };
          }
          function renderChips() {
            const chips = (key, selected) => Array.from(state.facets[key].entries()).sort((a, b) => b[1] - a[1]).map(([value, n]) =>
              h("button", { type: "button", class: "chip", "data-facet": key, "data-value": value, "aria-pressed": String(selected.has(value)),
                onclick: () => { selected.has(value) ? selected.delete(value) : selected.add(value); runSearch(false); } }, value + " " + n));
            $("lang-chips").replaceChildren(...chips("lang", state.langs));
            $("type-chips").replaceChildren(...chips("type", state.types));
            $("chips").hidden = state.facets.lang.size + state.facets.type.size === 0;
          }
          function renderResults(data) {
            const notes = (data.notes || []).concat(data.total === 0 && data.suggestions && data.suggestions.length ? ["Did you mean: " + data.suggestions.join(", ") + "?"] : []);
            setStatus([data.total + " result" + (data.total === 1 ? "" : "s") + " (" + data.mode + ")"].concat(notes).join(" · "));
            $("results").replaceChildren(...data.results.map((entry, i) => {
              // Result items carry their score and explanation; the legacy parallel `hits` list is the fallback.
              const hit = entry.score != null ? entry : ((data.hits || [])[i] || {});
              return h("li", { class: "result", "data-id": entry.id, "data-lang": entry.lang, "data-type": entry.type },
                h("span", { class: "score", title: "score" }, hit.score != null ? Number(hit.score).toPrecision(3) : ""),
                h("a", { class: "term", href: "#/entry/" + entry.id }, marked(entry.highlight && entry.highlight.term, entry.term)), " ",
                h("span", { class: "badge" }, entry.lang), " ", h("span", { class: "badge" }, entry.type),
                h("p", { class: "def" }, marked(entry.highlight && entry.highlight.definition, (entry.definition && entry.definition.concise) || "")),
                hit.explanation ? explainBars(hit.explanation) : null);
            }));
          }
          // The ranker's features as bars: the bar is the contribution to the score, scaled to the largest one of this hit.
          function explainBars(explanation) {
            const features = explanation.features || [];
            const largest = Math.max(1e-9, ...features.map((f) => Math.abs(f.contribution)));
            const rows = [h("span", {}, "probability"), bar(explanation.probability, 1), h("span", {}, Number(explanation.probability).toFixed(3))];
            for (const feature of features) {
              rows.push(h("span", { title: "value " + feature.value }, feature.name), bar(feature.contribution, largest),
                h("span", {}, (feature.contribution >= 0 ? "+" : "") + Number(feature.contribution).toFixed(2)));
            }
            return h("div", { class: "explain", "data-features": String(features.length) }, rows);
          }
          function bar(value, scale) {
            const fill = h("span", { class: "fill" + (value < 0 ? " neg" : "") });
            fill.style.left = "0";
            fill.style.width = Math.min(100, 100 * Math.abs(value) / scale).toFixed(1) + "%";
            return h("span", { class: "track" }, fill);
          }

          // The entry view: senses, synonyms and related terms (each a link to its own entry).
          async function showEntry(id) {
            show("search");
            $("entry").hidden = false;
            $("entry").replaceChildren(h("p", {}, "Loading…"));
            try {
              const data = await api("/api/v1/terms/id/" + encodeURIComponent(id));
              const entry = data.entry, definition = entry.definition || {}, metadata = entry.metadata || {};
              const ipa = definition.pronunciation && definition.pronunciation.ipa ? " · " + definition.pronunciation.ipa : "";
              const parts = [h("p", { class: "back" }, h("a", { href: "#/" }, "← results")), h("h2", { class: "entry-term" }, entry.term),
                h("p", { class: "meta" }, entry.lang + " · " + entry.type + ipa)];
              for (const key of ["concise", "detailed", "usage_example", "etymology"]) {
                if (definition[key]) parts.push(h("p", { class: key === "usage_example" ? "usage" : key }, definition[key]));
              }
              if (definition.senses && definition.senses.length) {
                parts.push(h("h3", {}, "Senses"), h("ol", { class: "senses" }, definition.senses.map((sense) =>
                  h("li", {}, h("em", {}, sense.pos), " " + sense.gloss, (sense.examples || []).map((example) => [" ", h("q", {}, example)])))));
              }
              for (const [label, words] of [["Synonyms", metadata.synonyms], ["Antonyms", metadata.antonyms]]) {
                if (words && words.length) parts.push(h("p", { class: "words" }, h("b", {}, label + ":"), " " + words.join(", ")));
              }
              if (data.related_terms && data.related_terms.length) {
                parts.push(h("h3", {}, "Related terms"), h("ul", { class: "related" }, data.related_terms.map((related) =>
                  h("li", {}, h("a", { href: "#/entry/" + related.entry.id }, related.entry.term), " ", h("small", {}, related.relationship_type)))));
              }
              $("entry").replaceChildren(...parts);
              $("entry").scrollIntoView({ block: "start" });
            } catch (error) {
              $("entry").replaceChildren(h("p", { class: "error" }, error.message));
            }
          }

          // The analytics view: three inline SVG bar charts from /api/v1/analytics/summary.
          async function showAnalytics() {
            show("analytics");
            const view = $("analytics-view");
            view.replaceChildren(h("p", {}, "Loading…"));
            try {
              const data = await api("/api/v1/analytics/summary?days=30");
              const stats = data.search_statistics || {};
              view.replaceChildren(
                h("p", { class: "meta" }, data.total_terms + " entries · " + (stats.total_searches != null ? stats.total_searches + " searches in 30 days" : "last 30 days")),
                chart("popular", "Popular searches", barChart(data.popular_searches.map((row) => [row.term, row.search_count]), "bar-popular")),
                chart("zero", "Searches with no result", barChart(data.zero_result_searches.map((row) => [row.term, row.search_count]), "bar-zero")),
                chart("latency", "Latency by mode (ms)", latencyChart(data.latency_by_mode)));
            } catch (error) {
              view.replaceChildren(h("p", { class: "error" }, error.message));
            }
          }
          function chart(id, title, body) { return h("section", { class: "chart", id: "chart-" + id }, h("h2", {}, title), body); }
          function barChart(rows, className) {
            if (!rows.length) return h("p", { class: "empty" }, "Nothing recorded yet.");
            const width = 640, row = 22, label = 170, max = Math.max(...rows.map((r) => r[1]));
            const svg = s("svg", { viewBox: "0 0 " + width + " " + (rows.length * row + 4), role: "img" });
            rows.forEach(([name, value], i) => {
              const y = i * row + 2, w = Math.max(2, (width - label - 50) * value / max);
              svg.append(s("text", { x: label - 6, y: y + 14, "text-anchor": "end" }, name.length > 26 ? name.slice(0, 25) + "…" : name),
                s("rect", { class: className, x: label, y: y + 3, width: w.toFixed(1), height: row - 7, rx: 2 }, s("title", {}, name + ": " + value)),
                s("text", { x: (label + w + 5).toFixed(1), y: y + 14 }, String(value)));
            });
            return svg;
          }
          function latencyChart(modes) {
            if (!modes || !modes.length) return h("p", { class: "empty" }, "Nothing recorded yet.");
            const width = 640, height = 190, left = 44, bottom = 24, group = (width - left) / modes.length;
            const max = Math.max(1, ...modes.map((m) => m.p99));
            const scale = (v) => (height - bottom - 10) * v / max;
            const svg = s("svg", { viewBox: "0 0 " + width + " " + height, role: "img" });
            for (const tick of [0, max / 2, max]) {
              const y = height - bottom - scale(tick);
              svg.append(s("line", { x1: left, x2: width, y1: y, y2: y, stroke: "#e4e8ee" }), s("text", { x: left - 4, y: y + 4, "text-anchor": "end" }, tick.toFixed(tick < 10 ? 1 : 0)));
            }
            modes.forEach((m, i) => {
              const x0 = left + i * group + group * 0.15, w = group * 0.7 / 3;
              ["p50", "p95", "p99"].forEach((key, k) => {
                const hgt = Math.max(1, scale(m[key]));
                svg.append(s("rect", { class: key, x: (x0 + k * w).toFixed(1), y: (height - bottom - hgt).toFixed(1), width: (w - 2).toFixed(1), height: hgt.toFixed(1) },
                  s("title", {}, m.mode + " " + key + ": " + m[key].toFixed(2) + " ms")));
              });
              svg.append(s("text", { x: (left + i * group + group / 2).toFixed(1), y: height - 6, "text-anchor": "middle" }, m.mode + " (" + m.count + ")"));
            });
            const legend = h("p", { class: "legend" }, ["p50", "p95", "p99"].map((key) => h("span", {}, h("i", { class: key }), key)));
            return h("div", {}, svg, legend);
          }

          function show(view) {
            $("search-view").hidden = view !== "search";
            $("analytics-view").hidden = view !== "analytics";
            for (const link of document.querySelectorAll("#views a")) link.classList.toggle("active", link.dataset.view === view);
          }
          function route() {
            const hash = location.hash;
            if (hash.startsWith("#/entry/")) showEntry(decodeURIComponent(hash.slice(8)));
            else if (hash === "#/analytics") showAnalytics();
            else { show("search"); if (!new URL(location.href).searchParams.get("id")) $("entry").hidden = true; }
          }

          document.addEventListener("DOMContentLoaded", () => {
            $("views").hidden = false;
            $("search-form").addEventListener("submit", (event) => { event.preventDefault(); runSearch(true); });
            $("mode").addEventListener("change", () => { if ($("q").value.trim()) runSearch(false); });
            $("q").addEventListener("input", onInput);
            $("q").addEventListener("keydown", onKey);
            $("q").addEventListener("blur", () => setTimeout(hideSuggestions, 150));
            window.addEventListener("hashchange", route);
            document.body.dataset.ready = "true";
            if ($("q").value.trim() && !location.hash) runSearch(true); else route();
          });
        })();
        """#
}
