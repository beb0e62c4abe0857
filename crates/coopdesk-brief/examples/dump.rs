//! Writes the test fixtures' PDFs to /tmp for a look (development aid).
#[path = "../tests/common/mod.rs"]
mod common;
fn main() {
    use coopdesk_assess::Lang;
    let f = common::typical();
    std::fs::write("/tmp/typical.pdf", coopdesk_brief::briefing(&f.input(Lang::En)).unwrap_or_default()).ok();
    let f = common::long();
    std::fs::write("/tmp/long.pdf", coopdesk_brief::briefing(&f.input(Lang::En)).unwrap_or_default()).ok();
    for p in common::demo_prefixes() {
        let f = common::demo(&p);
        std::fs::write(format!("/tmp/demo{p}.pdf"), coopdesk_brief::briefing(&f.input(Lang::De)).unwrap_or_default()).ok();
    }
}
