//! What the tutor's "Embed this" hands a help article's author: the embed's address for the open scenario and
//! the two snippets that put it in an article, a plain iframe and embed.js's element (README, "Embedding a
//! session"). Plain functions over plain values, so that they are tested without a browser; the tutor's panel
//! (`components/embed_snippet.rs`) only shows them.
//!
//! A built-in scenario, unchanged, is named by its id (`scenario=seed`); any other (a trainer's own, or an
//! edited built-in) travels whole, with its demo, in the `#s=1.` payload the share links use
//! ([`crate::share::encode`]), as [`crate::share::address`] decides.

use pop3_sim::Scenario;

use super::EmbedTheme;
use crate::i18n::Lang;

/// A plain iframe's height, in pixels (embed.js's first height too).
pub const FRAME_HEIGHT: u32 = 440;

/// How a snippet names the scenario.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Source {
    /// A built-in scenario, unchanged: its id.
    Builtin(String),
    /// Any other: the fragment's part that carries it whole (`s=1.…`).
    Shared(String),
}

impl Source {
    /// How `scenario` is named; `None` when it is too large to travel in an address (a scenario file with big
    /// messages).
    pub fn of(scenario: &Scenario) -> Option<Source> {
        match pop3_sim::scenario::builtin_ref(&scenario.id) {
            Some(b) if b == scenario => Some(Source::Builtin(scenario.id.clone())),
            _ => {
                let payload = crate::share::encode(scenario);
                (payload.len() <= crate::share::MAX_LINK_CHARS).then_some(Source::Shared(payload))
            }
        }
    }
}

/// What the author chose.
#[derive(Clone, Debug, PartialEq)]
pub struct Options {
    /// `lang=`: the widget's language.
    pub lang: Lang,
    /// `autoplay=1`: play when it first comes into view.
    pub autoplay: bool,
    /// `theme=` (left out for the default, classic).
    pub theme: EmbedTheme,
    /// The frame's accessible name (`title`, `data-title`).
    pub title: String,
}

/// The query and fragment of embed.html's address, as a URL (not yet escaped for HTML):
/// `?scenario=seed&lang=pl&theme=dark&autoplay=1`, or `?lang=pl#s=1.…` for a scenario carried whole.
pub fn embed_query(source: &Source, options: &Options) -> String {
    let mut query = match source {
        Source::Builtin(id) => format!("?scenario={}&lang={}", encode_component(id), options.lang.tag()),
        Source::Shared(_) => format!("?lang={}", options.lang.tag()),
    };
    if options.theme != EmbedTheme::Classic {
        query.push_str("&theme=");
        query.push_str(options.theme.name());
    }
    if options.autoplay {
        query.push_str("&autoplay=1");
    }
    if let Source::Shared(payload) = source {
        query.push('#');
        query.push_str(payload);
    }
    query
}

/// The tutor's directory (what embed.html and embed.js sit in) from the tutor page's address without query and
/// fragment ([`crate::web::page_base`]): `https://host/tutor/index.html` and `https://host/tutor/` both give
/// `https://host/tutor/`.
pub fn base_dir(page_base: &str) -> String {
    let path_from = page_base.find("://").map_or(0, |i| i + 3);
    match page_base[path_from..].rfind('/') {
        Some(i) => page_base[..path_from + i + 1].to_string(),
        None if page_base.is_empty() => String::new(),
        None => format!("{page_base}/"),
    }
}

/// A plain iframe, for sites that strip scripts; it keeps its height ([`FRAME_HEIGHT`]), which the widget
/// fills.
pub fn iframe_snippet(base: &str, source: &Source, options: &Options) -> String {
    let src = format!("{base}embed.html{}", embed_query(source, options));
    format!(
        r#"<iframe title="{}" src="{}" width="100%" height="{FRAME_HEIGHT}" loading="lazy"></iframe>"#,
        escape_attr(&options.title),
        escape_attr(&src),
    )
}

/// embed.js's element and the script (the frame then follows the widget's height); every URL parameter is a
/// `data-` attribute of the same name, `data-share` the payload.
pub fn script_snippet(base: &str, source: &Source, options: &Options) -> String {
    let mut div = String::from(r#"<div class="pop3-tutor""#);
    let mut attr = |name: &str, value: &str| {
        div.push_str(&format!(r#" data-{name}="{}""#, escape_attr(value)));
    };
    match source {
        Source::Builtin(id) => attr("scenario", id),
        Source::Shared(payload) => attr("share", payload),
    }
    attr("lang", options.lang.tag());
    if options.theme != EmbedTheme::Classic {
        attr("theme", options.theme.name());
    }
    if options.autoplay {
        attr("autoplay", "1");
    }
    attr("title", &options.title);
    format!(r#"{div}></div>{}<script src="{}" defer></script>"#, '\n', escape_attr(&format!("{base}embed.js")))
}

/// Text made safe inside a double-quoted HTML attribute.
pub fn escape_attr(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c => out.push(c),
        }
    }
    out
}

/// A query value percent-encoded (a built-in id needs none; anything else is kept from breaking the query).
fn encode_component(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for b in value.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use pop3_sim::scenario::{Caption, DemoStep};

    use super::*;

    const BASE: &str = "https://help.example/tutor/";

    fn options(lang: Lang) -> Options {
        Options { lang, autoplay: false, theme: EmbedTheme::Classic, title: "POP3 session".into() }
    }

    /// The value of `name="…"` in a snippet, unescaped.
    fn attribute(html: &str, name: &str) -> String {
        let start = html.find(&format!(" {name}=\"")).unwrap_or_else(|| panic!("{name} in {html}")) + name.len() + 3;
        let value = &html[start..start + html[start..].find('"').unwrap()];
        value
            .replace("&quot;", "\"")
            .replace("&#39;", "'")
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&amp;", "&")
    }

    #[test]
    fn a_built_in_scenario_unchanged_is_named_by_its_id() {
        let seed = pop3_sim::scenario::builtin("seed").unwrap();
        let source = Source::of(&seed).unwrap();
        assert_eq!(source, Source::Builtin("seed".into()));
        let o = options(Lang::Pl);
        assert_eq!(embed_query(&source, &o), "?scenario=seed&lang=pl");
        assert_eq!(
            iframe_snippet(BASE, &source, &o),
            r#"<iframe title="POP3 session" src="https://help.example/tutor/embed.html?scenario=seed&amp;lang=pl" width="100%" height="440" loading="lazy"></iframe>"#
        );
        assert_eq!(
            script_snippet(BASE, &source, &o),
            "<div class=\"pop3-tutor\" data-scenario=\"seed\" data-lang=\"pl\" data-title=\"POP3 session\"></div>\n\
             <script src=\"https://help.example/tutor/embed.js\" defer></script>"
        );
    }

    #[test]
    fn the_chosen_theme_and_autoplay_are_in_both_snippets() {
        let source = Source::Builtin("timeout-10060".into());
        let o = Options { autoplay: true, theme: EmbedTheme::Dark, ..options(Lang::En) };
        assert_eq!(embed_query(&source, &o), "?scenario=timeout-10060&lang=en&theme=dark&autoplay=1");
        assert!(iframe_snippet(BASE, &source, &o)
            .contains("embed.html?scenario=timeout-10060&amp;lang=en&amp;theme=dark&amp;autoplay=1\""));
        let script = script_snippet(BASE, &source, &o);
        assert!(script.contains(r#"data-theme="dark" data-autoplay="1""#), "{script}");
        let auto = Options { theme: EmbedTheme::Auto, ..o };
        assert!(script_snippet(BASE, &source, &auto).contains(r#"data-theme="auto""#));
    }

    #[test]
    fn a_changed_scenario_travels_whole_with_its_demo() {
        let mut s = pop3_sim::scenario::builtin("seed").unwrap();
        s.demo = vec![DemoStep {
            line: "STAT".into(),
            caption: Caption { en: Some("How much mail?".into()), pl: Some("Ile poczty?".into()) },
            pause: Some(1500),
        }];
        let source = Source::of(&s).unwrap();
        let Source::Shared(payload) = &source else { panic!("{source:?}") };
        assert!(payload.starts_with("s=1."));
        let o = options(Lang::En);
        let query = embed_query(&source, &o);
        let (query_part, fragment) = query.split_once('#').unwrap();
        assert_eq!(query_part, "?lang=en");
        assert_eq!(crate::share::decode(fragment), Some(Ok(s.clone())));
        // The iframe's address carries it the same way; embed.js's element as data-share.
        let src = attribute(&iframe_snippet(BASE, &source, &o), "src");
        assert_eq!(src, format!("{BASE}embed.html{query}"));
        let share = attribute(&script_snippet(BASE, &source, &o), "data-share");
        assert_eq!(crate::share::decode(&share), Some(Ok(s.clone())));
        assert!(!script_snippet(BASE, &source, &o).contains("data-scenario"));
        // And what the embed reads from that address is the same scenario, demo and all.
        let start = crate::embed::Start::from_address(query_part, &format!("#{fragment}"), None, crate::share::decode);
        assert_eq!(start.scenario, s);
        // A trainer's own scenario with a built-in's id but other content is not the built-in either.
        s.demo.clear();
        assert!(matches!(Source::of(&s), Some(Source::Shared(_))));
    }

    #[test]
    fn attribute_values_are_escaped() {
        let o = Options { title: r#"A "quoted" <b>title</b> & 'more'"#.into(), ..options(Lang::En) };
        let source = Source::Builtin("seed".into());
        let iframe = iframe_snippet("https://x.example/a&b\"c/", &source, &o);
        assert!(iframe.starts_with(
            r#"<iframe title="A &quot;quoted&quot; &lt;b&gt;title&lt;/b&gt; &amp; &#39;more&#39;" src="https://x.example/a&amp;b&quot;c/embed.html?scenario=seed&amp;lang=en""#
        ), "{iframe}");
        assert_eq!(attribute(&iframe, "title"), o.title);
        let script = script_snippet(BASE, &source, &o);
        assert_eq!(attribute(&script, "data-title"), o.title);
        assert_eq!(script.matches('<').count(), 4, "only the snippet's own tags: {script}");
        assert_eq!(encode_component("a b&c"), "a%20b%26c");
    }

    #[test]
    fn the_base_is_the_tutors_directory() {
        assert_eq!(base_dir("https://help.example/tutor/index.html"), "https://help.example/tutor/");
        assert_eq!(base_dir("https://help.example/tutor/"), "https://help.example/tutor/");
        assert_eq!(base_dir("http://127.0.0.1:8080/"), "http://127.0.0.1:8080/");
        assert_eq!(base_dir("https://help.example/tutor"), "https://help.example/");
        assert_eq!(base_dir("https://help.example"), "https://help.example/");
        assert_eq!(base_dir(""), "");
    }
}
