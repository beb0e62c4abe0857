//! Checks template files: `cargo run -p coopdesk-assess --example validate -- FILE...`.
//! (Users run `coopdesk template validate FILE`; this is for template authors working on the crate.)

use std::process::ExitCode;

fn main() -> ExitCode {
    let mut failed = false;
    for file in std::env::args().skip(1) {
        match std::fs::read(&file) {
            Err(e) => {
                eprintln!("{file}: {e}");
                failed = true;
            }
            Ok(bytes) => match coopdesk_assess::read_template(&file, &bytes) {
                Ok(t) => println!(
                    "{file}: ok ({} {}, {} questions)",
                    t.id,
                    t.version,
                    t.questions.len()
                ),
                Err(problems) => {
                    eprintln!("{problems}");
                    failed = true;
                }
            },
        }
    }
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}
