//! Recall and false-hit rate on the labelled set `tests/labelled.tsv` against the bundled snapshot.

mod support;

use coopdesk_screen::{MATCH_THRESHOLD, Screener};

#[test]
fn labelled_set_meets_recall_and_false_hit_targets() {
    let screener = Screener::new(support::bundled_entries());
    let set = support::labelled();
    let figures = support::evaluate(&screener, &set);
    println!(
        "labelled set: {} queries, recall {:.3}, false-hit rate {:.3}",
        set.len(),
        figures.recall,
        figures.false_hit_rate
    );
    for miss in &figures.misses {
        println!("miss: {miss}");
    }
    for hit in &figures.false_hits {
        println!("false hit: {hit}");
    }
    assert!(
        figures.recall >= 0.95,
        "recall {:.3} below 0.95",
        figures.recall
    );
    assert!(
        figures.false_hit_rate <= 0.05,
        "false-hit rate {:.3} above 0.05",
        figures.false_hit_rate
    );
}

#[test]
fn every_hit_explains_itself_and_respects_the_threshold() {
    let screener = Screener::new(support::bundled_entries());
    for item in support::labelled() {
        let hits = screener.screen(&item.query);
        for pair in hits.windows(2) {
            assert!(
                pair[0].score >= pair[1].score,
                "{}: hits must be best first",
                item.query
            );
        }
        for hit in hits {
            assert!(
                (MATCH_THRESHOLD..=1.0).contains(&hit.score),
                "{}: score {}",
                item.query,
                hit.score
            );
            assert!(
                !hit.why.is_empty() && !hit.matched.is_empty(),
                "{}: unexplained hit",
                item.query
            );
        }
    }
}
