/// `GET /app.css`: the search page's style sheet (a separate route because the page's CSP allows no inline style).
enum SearchPageStyle {
    static let source = #"""
        :root { --ink: #1d232b; --muted: #5d6775; --line: #d9dee5; --accent: #2f5fb3; --soft: #eef3fb; --warn: #a33; }
        * { box-sizing: border-box; }
        body { margin: 0; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--ink); background: #fafbfc; }
        .bar { display: flex; align-items: center; gap: 1.5rem; padding: .6rem 1.2rem; background: #fff; border-bottom: 1px solid var(--line); }
        .brand { font-weight: 700; font-size: 1.2rem; color: var(--accent); text-decoration: none; }
        nav a { margin-right: 1rem; color: var(--muted); text-decoration: none; padding-bottom: .2rem; }
        nav a.active { color: var(--ink); border-bottom: 2px solid var(--accent); }
        main { max-width: 52rem; margin: 0 auto; padding: 1rem 1.2rem 3rem; }
        form { display: flex; gap: .5rem; align-items: flex-start; }
        .box { position: relative; flex: 1; }
        input[type=search] { width: 100%; padding: .55rem .7rem; font-size: 1rem; border: 1px solid var(--line); border-radius: 6px; }
        select, button { padding: .55rem .7rem; font-size: .95rem; border: 1px solid var(--line); border-radius: 6px; background: #fff; }
        button { background: var(--accent); color: #fff; border-color: var(--accent); cursor: pointer; }
        #suggestions { position: absolute; z-index: 2; left: 0; right: 0; margin: 2px 0 0; padding: 0; list-style: none; background: #fff;
            border: 1px solid var(--line); border-radius: 6px; box-shadow: 0 4px 12px rgba(0,0,0,.08); }
        #suggestions li { padding: .35rem .7rem; cursor: pointer; }
        #suggestions li small { color: var(--muted); margin-left: .4rem; }
        #suggestions li[aria-selected=true], #suggestions li:hover { background: var(--soft); }
        .chips { display: flex; flex-wrap: wrap; gap: .35rem; margin-top: .6rem; }
        .chip { font-size: .82rem; padding: .15rem .6rem; border-radius: 999px; border: 1px solid var(--line); background: #fff; color: var(--ink); }
        .chip[aria-pressed=true] { background: var(--accent); border-color: var(--accent); color: #fff; }
        #status { color: var(--muted); font-size: .9rem; min-height: 1.2em; }
        .error { color: var(--warn); }
        #results { list-style: none; padding: 0; margin: 0; }
        .result { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: .6rem .8rem; margin-bottom: .5rem; }
        .term { font-weight: 600; font-size: 1.05rem; color: var(--accent); text-decoration: none; }
        .badge { font-size: .75rem; color: var(--muted); border: 1px solid var(--line); border-radius: 4px; padding: 0 .3rem; margin-left: .2rem; }
        .score { float: right; font-size: .8rem; color: var(--muted); }
        .def { margin: .25rem 0 0; }
        mark { background: #fde68a; color: inherit; border-radius: 2px; }
        .explain { display: grid; grid-template-columns: 11rem 1fr 4rem; gap: 1px .5rem; margin-top: .45rem; font-size: .75rem; color: var(--muted); }
        .explain .track { background: var(--soft); height: .55rem; margin-top: .3rem; border-radius: 2px; position: relative; }
        .explain .fill { position: absolute; top: 0; bottom: 0; background: var(--accent); border-radius: 2px; }
        .explain .fill.neg { background: #c77; }
        #entry { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: .4rem 1.1rem 1rem; margin-top: .8rem; }
        .entry-term { margin-bottom: .1rem; }
        .meta { color: var(--muted); margin-top: 0; }
        .detailed, .usage, .etymology { color: #333; }
        .usage { font-style: italic; }
        .related a { color: var(--accent); }
        .back { font-size: .9rem; }
        .chart { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: .5rem .8rem; margin-bottom: 1rem; }
        .chart h2 { font-size: 1rem; margin: .3rem 0 .5rem; }
        .chart svg { width: 100%; height: auto; font: 12px system-ui, sans-serif; }
        .chart .empty { color: var(--muted); }
        .legend span { margin-right: 1rem; font-size: .8rem; }
        .legend i { display: inline-block; width: .7rem; height: .7rem; margin-right: .3rem; border-radius: 2px; }
        .p50 { background: #2f5fb3; fill: #2f5fb3; } .p95 { background: #7d9fd8; fill: #7d9fd8; } .p99 { background: #c3d3ee; fill: #c3d3ee; }
        .bar-popular { fill: #2f5fb3; } .bar-zero { fill: #c0683a; }
        """#
}
