//! Benchmark: time and size of a typical and a long briefing, and of Chromium's headless
//! print-to-PDF of the same content written as simple HTML.
//!
//! Run with `cargo bench -p coopdesk-brief` (release build); prints medians. Chromium is looked up as
//! `chromium` on the PATH (override with `COOPDESK_CHROMIUM`); without it that part is skipped.

#[path = "../tests/common/mod.rs"]
mod common;

use std::process::Command;
use std::time::{Duration, Instant};

use coopdesk_assess::Lang;
use coopdesk_assess::report::{answer_label, level_label, render};
use coopdesk_brief::BriefingInput;

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// The briefing's content as plain HTML: the same texts, sections and tables.
fn html(input: &BriefingInput<'_>) -> String {
    let lang = input.lang;
    let r = render(input.assessment, input.template, lang);
    let mut h = String::from(
        "<!doctype html><html><head><meta charset=utf-8><style>\
         body{font-family:'Noto Sans','Noto Sans CJK SC',sans-serif;font-size:8.5pt}\
         table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ccc;\
         vertical-align:top;padding:2px 4px;text-align:left}thead{display:table-header-group}\
         h1{font-size:15pt}h2{font-size:11pt;border-bottom:1px solid #bbb}\
         .appendix{page-break-before:always}</style></head><body>",
    );
    h += &format!(
        "<p>{}</p><h1>{}</h1><p>{} · {} {}</p>",
        esc(&input.institution),
        esc(&input.case.title),
        input.case.id,
        input.assessment.template.id,
        input.assessment.template.version
    );
    h += &format!(
        "<h2>Summary</h2><p>{}</p><h2>Facts</h2><table><thead><tr><th>Partner</th><th>Role</th>\
         <th>Country</th><th>Screening</th></tr></thead>",
        esc(&input.case.summary)
    );
    for p in &input.partners {
        h += &format!(
            "<tr><td><b>{}</b><br>{}<br>{}</td><td>{}</td><td>{}</td><td>{:?}</td></tr>",
            esc(&p.name),
            esc(p.name_zh.as_deref().unwrap_or("")),
            esc(p.name_pinyin.as_deref().unwrap_or("")),
            p.role,
            p.country.as_ref().map_or("", |c| c.as_str()),
            p.screening
        );
    }
    h += "</table><ul>";
    for it in &input.case.items {
        h += &format!(
            "<li>{} [{}]</li>",
            esc(&it.description),
            it.control_code.as_deref().unwrap_or("")
        );
    }
    h += "</ul><h2>Assessment</h2>";
    for t in &r.topics {
        h += &format!("<h3>{}: {}</h3><ul>", t.topic, level_label(t.level, lang));
        for reason in t.reasons.iter().take(3) {
            h += &format!("<li>{}</li>", esc(reason));
        }
        h += "</ul>";
    }
    h += &format!("<h2>Recommendation</h2><p>{}</p><ul>", r.recommendation);
    for (e, why) in r.escalations.iter().zip(&r.escalation_reasons) {
        h += &format!("<li>{e}: {}</li>", esc(&why.join("; ")));
    }
    h += "</ul><h2>Conditions and action plan</h2><table><thead><tr><th>Action</th><th>Owner</th>\
          <th>Due</th><th>Status</th></tr></thead>";
    for a in &input.actions {
        h += &format!(
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{:?}{}</td></tr>",
            esc(&a.title),
            esc(a.owner.as_deref().unwrap_or("")),
            a.due.map(|d| d.to_string()).unwrap_or_default(),
            a.status,
            if a.overdue { " overdue" } else { "" }
        );
    }
    h += "</table><h2>Open points</h2><ul>";
    for p in &r.open_points {
        h += &format!("<li>{}</li>", esc(p));
    }
    h += "</ul><h2>Sign-off</h2><p>Name ____ Role ____ Date ____ Signature ____</p>\
          <div class=appendix><h1>Appendix</h1><table><thead><tr><th>Question</th><th>Answer</th>\
          <th>Comment and evidence</th></tr></thead>";
    for q in input.assessment.questions.iter().filter(|q| q.visible) {
        let text = input
            .template
            .question(&q.id)
            .map_or("", |d| d.text.get(lang));
        let answer = q.answer.as_ref().map_or(String::new(), |a| {
            answer_label(&q.id, a, input.template, lang)
        });
        let comment = input
            .case
            .answers
            .get(&q.id)
            .and_then(|a| a.comment.clone())
            .unwrap_or_default();
        h += &format!(
            "<tr><td><b>{}</b> {}</td><td>{}</td><td>{} {}</td></tr>",
            q.id,
            esc(text),
            esc(&answer),
            esc(&comment),
            esc(&q.evidence.join("; "))
        );
    }
    h += "</table><h2>Screening evidence</h2><table>";
    for s in &input.screening {
        h += &format!(
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{:.2}</td><td>{}</td></tr>",
            esc(&s.partner),
            esc(&s.list),
            esc(&s.entity_name),
            s.score,
            esc(&s.why)
        );
    }
    h += "</table></div></body></html>";
    h
}

fn ours(name: &str, input: &BriefingInput<'_>, runs: usize) -> (Duration, usize) {
    let mut times = Vec::new();
    let mut size = 0;
    for _ in 0..runs {
        let started = Instant::now();
        let bytes = coopdesk_brief::briefing(input).unwrap_or_else(|e| panic!("{e}"));
        times.push(started.elapsed());
        size = bytes.len();
    }
    let m = median(times);
    println!(
        "coopdesk-brief {name:<8} {:>9.2} ms  {:>8.1} KB",
        m.as_secs_f64() * 1e3,
        size as f64 / 1024.0
    );
    (m, size)
}

fn chromium(name: &str, input: &BriefingInput<'_>, runs: usize) -> Option<(Duration, usize)> {
    let bin = std::env::var("COOPDESK_CHROMIUM").unwrap_or_else(|_| "chromium".into());
    let dir = tempfile::tempdir().ok()?;
    let page = dir.path().join(format!("{name}.html"));
    std::fs::write(&page, html(input)).ok()?;
    let out = dir.path().join(format!("{name}.pdf"));
    let mut times = Vec::new();
    for _ in 0..runs {
        let started = Instant::now();
        let status = Command::new(&bin)
            .args([
                "--headless",
                "--disable-gpu",
                "--no-sandbox",
                "--no-pdf-header-footer",
                &format!("--print-to-pdf={}", out.display()),
                &format!("file://{}", page.display()),
            ])
            .output()
            .ok()?;
        if !status.status.success() {
            println!(
                "chromium failed: {}",
                String::from_utf8_lossy(&status.stderr)
            );
            return None;
        }
        times.push(started.elapsed());
    }
    let size = std::fs::metadata(&out).ok()?.len() as usize;
    let m = median(times);
    println!(
        "chromium       {name:<8} {:>9.2} ms  {:>8.1} KB",
        m.as_secs_f64() * 1e3,
        size as f64 / 1024.0
    );
    Some((m, size))
}

fn main() {
    let typical = common::typical();
    let long = common::long();
    let started = Instant::now();
    let _ = coopdesk_brief::briefing(&typical.input(Lang::En));
    println!(
        "first briefing of the process (fonts parsed once): {:.2} ms",
        started.elapsed().as_secs_f64() * 1e3
    );
    let (t_typ, s_typ) = ours("typical", &typical.input(Lang::En), 31);
    let _ = ours("typ. de", &typical.input(Lang::De), 31);
    let (t_long, s_long) = ours("long", &long.input(Lang::En), 7);
    if let Some((c_typ, cs_typ)) = chromium("typical", &typical.input(Lang::En), 3) {
        println!(
            "typical: {:.0}x faster than chromium, {:.2}x its size ({} vs {} bytes)",
            c_typ.as_secs_f64() / t_typ.as_secs_f64(),
            s_typ as f64 / cs_typ as f64,
            s_typ,
            cs_typ
        );
    }
    if let Some((c_long, cs_long)) = chromium("long", &long.input(Lang::En), 3) {
        println!(
            "long:    {:.0}x faster than chromium, {:.2}x its size ({} vs {} bytes)",
            c_long.as_secs_f64() / t_long.as_secs_f64(),
            s_long as f64 / cs_long as f64,
            s_long,
            cs_long
        );
    }
}
