//! The `mentordesk` binary: everything lives in the library.

fn main() -> std::process::ExitCode {
    mentordesk::launch::main()
}
