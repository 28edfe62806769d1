//! The `loanspec` command: a front end over the library's public API, like any other caller
//! (an editor, a service). It owns clap, exit codes and the choice of renderers and files.

mod cli;

fn main() -> std::process::ExitCode {
    cli::main()
}
