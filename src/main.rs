fn main() -> std::process::ExitCode {
    loanspec::cli::main()
}
