//! The `claimtrace` binary: parses arguments and hands over to the library.

mod cli;

fn main() {
    std::process::exit(cli::main());
}
